/**
 * Runs the Lakeview schema over one parsed dashboard and turns zod issues into one line each that names
 * the file, the page and widget, the key and the offending value.
 */
import { describeLocation } from "./dashboards-location";
import { lakeviewDashboard, type LakeviewDashboard } from "./lakeview-schema";

export type SchemaResult = { ok: true; dashboard: LakeviewDashboard } | { ok: false; problems: string[] };

function shortJson(value: unknown): string {
    const text = JSON.stringify(value);
    if (text === undefined) return "undefined";
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
    let node = root;
    for (const key of path) {
        if (node === null || typeof node !== "object") return undefined;
        node = (node as Record<PropertyKey, unknown>)[key];
    }
    return node;
}

export function checkDashboardSchema(value: unknown, source: string): SchemaResult {
    const parsed = lakeviewDashboard.safeParse(value);
    if (parsed.success) return { ok: true, dashboard: parsed.data };
    const problems = parsed.error.issues.map((issue) => {
        const where = describeLocation(value, issue.path);
        // The message of an unknown-key issue already names the keys; a value would only repeat the object.
        const got = issue.code === "unrecognized_keys" ? "" : `; got ${shortJson(valueAt(value, issue.path))}`;
        return `${source}: ${where}: ${issue.message}${got}`;
    });
    return { ok: false, problems };
}
