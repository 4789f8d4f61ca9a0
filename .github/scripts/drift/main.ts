/**
 * Drift step of .github/workflows/drift.yml:
 *   tsx .github/scripts/drift/main.ts --stack dev --preview-json preview.json --stderr preview.err --exit-code 1
 * Classifies the preview, keeps the stack's drift issue in step, writes the run summary.
 * Exit code: 0 for clean or drift (drift is reported through the issue), 1 when the preview failed.
 */
import * as fs from "node:fs";
import { classifyPreview } from "./classify";
import { githubIssues } from "./github-issues";
import { syncDriftIssue } from "./issue-sync";

function parseArgs(argv: readonly string[]): { stack: string; previewJson: string; stderr?: string; exitCode: number } {
    const values = new Map<string, string>();
    for (let i = 0; i < argv.length; i += 2) {
        const [key, value] = [argv[i], argv[i + 1]];
        if (!["--stack", "--preview-json", "--stderr", "--exit-code"].includes(key) || value === undefined) {
            throw new Error(`drift: bad argument "${key}"; usage: --stack <name> --preview-json <file> [--stderr <file>] --exit-code <n>`);
        }
        values.set(key, value);
    }
    const exitCode = Number(values.get("--exit-code"));
    if (!values.has("--stack") || !values.has("--preview-json") || !Number.isInteger(exitCode)) {
        throw new Error("drift: --stack, --preview-json and an integer --exit-code are required");
    }
    return { stack: values.get("--stack") as string, previewJson: values.get("--preview-json") as string, stderr: values.get("--stderr"), exitCode };
}

function requireEnv(name: string): string {
    const value = process.env[name];
    if (!value) throw new Error(`drift: environment variable ${name} is not set (the workflow provides it)`);
    return value;
}

function summarize(line: string): void {
    console.log(line);
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (file) fs.appendFileSync(file, `${line}\n`);
}

async function main(): Promise<void> {
    const args = parseArgs(process.argv.slice(2));
    const stdout = fs.readFileSync(args.previewJson, "utf8");
    const stderr = args.stderr && fs.existsSync(args.stderr) ? fs.readFileSync(args.stderr, "utf8") : "";
    const result = classifyPreview(args.exitCode, stdout, stderr);

    if (result.status === "error") {
        summarize(`### Stack \`${args.stack}\`: the preview failed, so drift is unknown\n`);
        for (const reason of result.reasons) summarize(`- ${reason.replace(/\n/g, "\n  ")}`);
        process.exitCode = 1;
        return;
    }

    const runUrl = `${requireEnv("GITHUB_SERVER_URL")}/${requireEnv("GITHUB_REPOSITORY")}/actions/runs/${requireEnv("GITHUB_RUN_ID")}`;
    const tracker = githubIssues({
        apiUrl: process.env.GITHUB_API_URL ?? "https://api.github.com",
        repository: requireEnv("GITHUB_REPOSITORY"),
        token: requireEnv("GITHUB_TOKEN"),
    });
    const action = await syncDriftIssue(tracker, args.stack, result, { runUrl });
    if (result.status === "drift") {
        console.log(`::warning title=Drift in ${args.stack}::${action}`);
        summarize(`### Stack \`${args.stack}\`: drift found, ${action}`);
    } else {
        summarize(`### Stack \`${args.stack}\`: no drift (${action})`);
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
});
