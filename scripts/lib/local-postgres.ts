/**
 * A throwaway PostgreSQL server for the app's tests and the local Spark run: Debian's `postgresql`
 * binaries, a cluster in a temp folder, listening on 127.0.0.1 only, stopped and deleted by `stop()`.
 * Postgres refuses to run as root, so under root (CI) the cluster is owned by and run as the `postgres`
 * user the package creates.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";

export interface LocalPostgres {
    readonly host: string;
    readonly port: number;
    readonly user: string;
    readonly password: string;
    readonly database: string;
    stop(): void;
}

function binDir(): string {
    const root = "/usr/lib/postgresql";
    const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "initdb"))) : [];
    if (versions.length === 0) throw new Error("PostgreSQL is not installed: apt-get install -y postgresql (.ci/run does it)");
    return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0], "bin");
}

export async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
        });
    });
}

export async function startPostgres(): Promise<LocalPostgres> {
    const bin = binDir();
    const dir = mkdtempSync(path.join(tmpdir(), "app-pg-"));
    const data = path.join(dir, "data");
    const asRoot = process.getuid?.() === 0;
    const run = (tool: string, args: string[]) => {
        const command = asRoot ? "runuser" : path.join(bin, tool);
        const argv = asRoot ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args;
        execFileSync(command, argv, { stdio: ["ignore", "pipe", "pipe"], cwd: dir });
    };
    if (asRoot) {
        const { uid, gid } = JSON.parse(execFileSync("sh", ["-c", 'printf \'{"uid":%s,"gid":%s}\' "$(id -u postgres)" "$(id -g postgres)"']).toString()) as { uid: number; gid: number };
        chownSync(dir, uid, gid);
        chmodSync(dir, 0o700);
    }
    const port = await freePort();
    // Trust on a loopback-only socket of a throwaway cluster: the password the app sends is ignored.
    run("initdb", ["-D", data, "-U", "postgres", "-A", "trust"]);
    run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
    const stop = () => {
        try {
            run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    };
    return { host: "127.0.0.1", port, user: "postgres", password: "local", database: "postgres", stop };
}
