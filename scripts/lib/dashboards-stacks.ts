/**
 * Catalog and schema of a stack, read from its Pulumi.<stack>.yaml through the program's own config
 * parser, so the golden files and `pulumi up` can never disagree about where a stack's tables live.
 */
import * as path from "path";
import { stackConfig as readStackConfig } from "./stack-file";
import type { StackConfig } from "../../components/config";
import type { DashboardTarget } from "../../components/analytics/render";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** The stacks with a checked-in stack file, whose rendered dashboards are pinned as golden files. */
export const GOLDEN_STACKS = ["dev", "prod"] as const;

export function stackConfig(stack: string, root = REPO_ROOT): StackConfig {
    return readStackConfig(stack, root);
}

export function dashboardTarget(config: StackConfig): DashboardTarget {
    return { catalog: config.catalog, schema: config.schema };
}

export function goldenPath(stack: string, key: string, root = REPO_ROOT): string {
    return path.join(root, "test", "golden", "dashboards", stack, `${key}.lvdash.json`);
}
