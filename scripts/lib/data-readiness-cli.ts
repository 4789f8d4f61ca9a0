/**
 * `npm run --silent data-readiness -- --warehouse-name <name> --table <catalog.schema.table> --min-rows <n> [--profile <name>]`:
 * prints one JSON line, `{"ready":…,"rows":…,"reason":…}`, and exits 0 whether or not the data is there;
 * any failure to find out exits 1 with a message naming the host. The program runs it on every preview and
 * `up` of a stack without the simulated bootstrap (see components/data/data-readiness.ts).
 */
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { parseStrictOptions } from "./cli-args";
import { checkDataReadiness, ReadinessSettings } from "./data-readiness";
import { CliIo } from "./run-job-cli";

export const dataReadinessUsage = [
    "usage: npm run --silent data-readiness -- --warehouse-name <name> --table <catalog.schema.table> --min-rows <n> [--profile <name>]",
    "Prints whether the table training reads exists and holds enough rows, as one JSON line.",
].join("\n");

export interface DataReadinessCliDeps {
    readonly createClient: (profile: string | undefined) => WorkspaceClient;
    readonly io: CliIo;
    readonly settings: ReadinessSettings;
}

export async function dataReadinessCli(argv: readonly string[], deps: DataReadinessCliDeps): Promise<number> {
    let host = "the workspace";
    try {
        const usageError = (problem: string) => new Error(`${problem}\n${dataReadinessUsage}`);
        const values = parseStrictOptions(argv, { "warehouse-name": { type: "string" }, table: { type: "string" }, "min-rows": { type: "string" }, profile: { type: "string" } }, usageError);
        const warehouseName = values["warehouse-name"];
        const table = values.table;
        const minRows = Number(values["min-rows"]);
        if (!warehouseName) throw usageError("--warehouse-name is required");
        if (!table || table.split(".").length !== 3 || table.split(".").some((part) => part === "")) throw usageError(`--table must be catalog.schema.table, got ${JSON.stringify(table)}`);
        if (!Number.isInteger(minRows) || minRows < 1) throw usageError(`--min-rows must be a positive integer, got ${JSON.stringify(values["min-rows"])}`);
        const ws = deps.createClient(values.profile);
        host = ws.config.host ? String(ws.config.host) : host;
        const answer = await checkDataReadiness(ws, { warehouseName, table, minRows }, deps.settings);
        deps.io.stdout(`${JSON.stringify(answer)}\n`);
        return 0;
    } catch (error) {
        deps.io.stderr(`data-readiness failed on ${host}: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
    }
}
