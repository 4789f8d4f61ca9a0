/** Reads a committed `Pulumi.<stack>.yaml` the way the Pulumi CLI hands its config to a program. */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { parseConfig, projectKeys, type StackConfig } from "../../components/config";

/** Config values travel as strings; structured ones as JSON text. */
function asConfigText(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** The stack file's config as the Pulumi CLI hands it to a program: every value a string. */
export function readStackFile(stack: string, root: string): Record<string, string> {
    const file = path.join(root, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        const known = fs.readdirSync(root).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f)).map((f) => f.slice(7, -5));
        throw new Error(`no stack file ${file}; stacks with a file: ${known.join(", ") || "(none)"}; for another stack pass its config explicitly`);
    }
    const doc = (parseYaml(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const flat: Record<string, string> = {};
    for (const [key, value] of Object.entries(doc.config ?? {})) flat[key] = asConfigText(value);
    return flat;
}

/**
 * The `default` of every key `Pulumi.yaml` declares, namespaced by the project as the CLI does
 * (`payment-analysis:<key>`).
 */
export function projectDefaults(root: string): Record<string, string> {
    const doc = parseYaml(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as { name: string; config?: Record<string, { default?: unknown }> };
    const defaults: Record<string, string> = {};
    for (const [key, declaration] of Object.entries(doc.config ?? {})) {
        if (declaration.default !== undefined) defaults[`${doc.name}:${key}`] = asConfigText(declaration.default);
    }
    return defaults;
}

/** What the program receives: the stack's own values, and the project default for each key the stack leaves unset. */
export function withProjectDefaults(stackConfig: Readonly<Record<string, string>>, root: string): Record<string, string> {
    return { ...projectDefaults(root), ...stackConfig };
}

/** The stack's config as the program sees it: the stack file, the project defaults, the program's validation. */
export function stackConfig(stack: string, root: string): StackConfig {
    return parseConfig(projectKeys(withProjectDefaults(readStackFile(stack, root), root)), stack);
}
