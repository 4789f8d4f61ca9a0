/** Reads a committed `Pulumi.<stack>.yaml` the way the Pulumi CLI hands its config to a program. */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";

/** The stack file's config as the Pulumi CLI hands it to a program: every value a string. */
export function readStackFile(stack: string, root: string): Record<string, string> {
    const file = path.join(root, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        const known = fs.readdirSync(root).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f)).map((f) => f.slice(7, -5));
        throw new Error(`no stack file ${file}; stacks with a file: ${known.join(", ") || "(none)"}; for another stack pass its config explicitly`);
    }
    const doc = (parseYaml(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const flat: Record<string, string> = {};
    for (const [key, value] of Object.entries(doc.config ?? {})) flat[key] = typeof value === "string" ? value : JSON.stringify(value);
    return flat;
}

