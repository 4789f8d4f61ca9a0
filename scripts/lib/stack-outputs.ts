/**
 * The stack outputs `npm run verify` reads, as one zod schema. The Pulumi program exports exactly these
 * (its tests check its exports against `stackOutputsSchema`), so a renamed output fails a test, not a
 * deployment.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { z } from "zod";

const ucName = z.string().regex(/^[A-Za-z0-9_-]+$/, "must be a Unity Catalog name (letters, digits, _ or -)");

export const stackOutputsSchema = z.object({
    workspaceUrl: z
        .string()
        .regex(/^https:\/\/[A-Za-z0-9.-]+(:\d+)?\/?$/, "must be the workspace URL, https://<host> without a path"),
    warehouseId: z.string().min(1),
    catalog: ucName,
    schema: ucName,
    models: z
        .record(
            z.string().min(1),
            z.object({
                fullName: z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, "must be <catalog>.<schema>.<model>"),
                servedVersion: z.string().regex(/^[1-9][0-9]*$/, 'must be a model version number as a string, e.g. "3"'),
                endpointName: z.string().min(1),
            }),
        )
        .refine((models) => Object.keys(models).length > 0, "must name at least one model"),
    dashboards: z.record(z.string().min(1), z.object({ id: z.string().min(1), url: z.string().min(1) })),
    appName: z.string().min(1),
});

export type StackOutputs = z.infer<typeof stackOutputsSchema>;

/** Validates raw `pulumi stack output --json`; the error names every missing or bad output and the source. */
export function parseStackOutputs(raw: unknown, source: string): StackOutputs {
    const secret = findSecretPlaceholder(raw);
    if (secret !== undefined) {
        throw new Error(`stack outputs (${source}): output \`${secret}\` is a secret; verify reads only plain outputs, so export it unsecret`);
    }
    const result = stackOutputsSchema.safeParse(raw);
    if (result.success) return result.data;
    const problems = result.error.issues.map((issue) => {
        const key = issue.path.map(String).join(".") || "(root)";
        return valueAt(raw, issue.path) === undefined && issue.path.length > 0
            ? `missing output \`${key}\` (${issue.message})`
            : `output \`${key}\`: ${issue.message}`;
    });
    throw new Error(`stack outputs (${source}) are not what verify needs:\n  ${problems.join("\n  ")}`);
}

export type StackOutputsSource = { readonly stack: string } | { readonly file: string };

/** Runs a command and returns its stdout; rejects with an error carrying `code` (e.g. ENOENT) and stderr. */
export type CommandRunner = (command: string, args: readonly string[]) => Promise<string>;

export const execCommand: CommandRunner = (command, args) =>
    new Promise((resolve, reject) => {
        execFile(command, [...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
            if (error) reject(Object.assign(error, { stderr: String(stderr) }));
            else resolve(String(stdout));
        });
    });

export async function loadStackOutputs(source: StackOutputsSource, run: CommandRunner = execCommand): Promise<StackOutputs> {
    if ("file" in source) {
        let text: string;
        try {
            text = fs.readFileSync(source.file, "utf8");
        } catch (error) {
            throw new Error(`--outputs ${source.file}: cannot read it (${(error as Error).message})`, { cause: error });
        }
        return parseStackOutputs(parseJson(text, `--outputs ${source.file}`), source.file);
    }
    const args = ["stack", "output", "--json", "--stack", source.stack];
    const label = `pulumi ${args.join(" ")}`;
    let stdout: string;
    try {
        stdout = await run("pulumi", args);
    } catch (error) {
        const failure = error as NodeJS.ErrnoException & { stderr?: string };
        if (failure.code === "ENOENT") {
            throw new Error(`${label}: the pulumi CLI is not on PATH; install it, or pass --outputs <file.json> with a saved \`pulumi stack output --json\``, { cause: error });
        }
        throw new Error(`${label} failed: ${(failure.stderr || failure.message).trim()}`, { cause: error });
    }
    return parseStackOutputs(parseJson(stdout, label), label);
}

function parseJson(text: string, source: string): unknown {
    try {
        return JSON.parse(text);
    } catch (error) {
        throw new Error(`${source}: not JSON (${(error as Error).message})`, { cause: error });
    }
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
    let current = value;
    for (const key of path) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<PropertyKey, unknown>)[key];
    }
    return current;
}

/** `pulumi stack output --json` prints "[secret]" for secret outputs unless --show-secrets is given. */
function findSecretPlaceholder(value: unknown, path = ""): string | undefined {
    if (value === "[secret]") return path || "(root)";
    if (value === null || typeof value !== "object") return undefined;
    for (const [key, child] of Object.entries(value)) {
        const found = findSecretPlaceholder(child, path ? `${path}.${key}` : key);
        if (found !== undefined) return found;
    }
    return undefined;
}
