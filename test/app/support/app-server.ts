/**
 * The real app, as the platform runs it: the UI built by `npm run build`, the server started by
 * `npm run start` (AppKit), with the environment of a deployment pointed at the local fakes.
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import * as path from "node:path";
import { freePort } from "./postgres";

export const APP_DIR = path.join(__dirname, "..", "..", "..", "app");

export interface RunningApp {
    readonly url: string;
    readonly output: () => string;
    stop(): Promise<void>;
}

export function buildUi(): void {
    execFileSync("npm", ["run", "--silent", "build"], { cwd: APP_DIR, stdio: ["ignore", "pipe", "pipe"] });
}

export async function startApp(env: Record<string, string>, timeoutMs = 60_000): Promise<RunningApp> {
    const port = await freePort();
    let output = "";
    const child: ChildProcess = spawn("npm", ["run", "--silent", "start"], {
        cwd: APP_DIR,
        env: { ...process.env, ...env, DATABRICKS_APP_PORT: String(port), NODE_ENV: "production" },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
    });
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    const stop = async () => {
        if (child.exitCode === null && child.pid) {
            // npm starts tsx, which starts node: end the whole group this test started.
            process.kill(-child.pid, "SIGTERM");
            await new Promise((resolve) => child.once("exit", resolve));
        }
    };
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} before answering /health:\n${output}`);
        const healthy = await fetch(`${url}/health`).then((r) => r.ok, () => false);
        if (healthy) return { url, output: () => output, stop };
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await stop();
    throw new Error(`the app did not answer /health within ${timeoutMs / 1000} s:\n${output}`);
}
