/**
 * Catalog and schema of a stack, read from its Pulumi.<stack>.yaml through the program's own config
 * parser, so the golden files and `pulumi up` can never disagree about where a stack's tables live.
 */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { parseConfig, projectKeys, type StackConfig } from "../../components/config";
import type { DashboardTarget } from "../../components/analytics/render";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** The stacks with a checked-in stack file, whose rendered dashboards are pinned as golden files. */
export const GOLDEN_STACKS = ["dev", "prod"] as const;

/** The stack file's config as the Pulumi CLI hands it to a program: every value a string. */
export function readStackFile(stack: string, root = REPO_ROOT): Record<string, string> {
    const file = path.join(root, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        const known = fs.readdirSync(root).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f)).map((f) => f.slice(7, -5));
        throw new Error(`no stack file ${file}; stacks with a file: ${known.join(", ") || "(none)"}`);
    }
    const doc = (parseYaml(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const flat: Record<string, string> = {};
    for (const [key, value] of Object.entries(doc.config ?? {})) flat[key] = typeof value === "string" ? value : JSON.stringify(value);
    return flat;
}

export function stackConfig(stack: string, root = REPO_ROOT): StackConfig {
    return parseConfig(projectKeys(readStackFile(stack, root)), stack);
}

export function dashboardTarget(config: StackConfig): DashboardTarget {
    return { catalog: config.catalog, schema: config.schema };
}

export function goldenPath(stack: string, key: string, root = REPO_ROOT): string {
    return path.join(root, "test", "golden", "dashboards", stack, `${key}.lvdash.json`);
}
