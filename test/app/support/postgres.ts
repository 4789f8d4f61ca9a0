export { freePort, startPostgres, type LocalPostgres } from "../../../scripts/lib/local-postgres";
