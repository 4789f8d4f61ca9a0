/**
 * Brings a dashboard edited in the workspace UI back into its template: the stack's own
 * `catalog.schema.` becomes `{{catalog}}.{{schema}}.` again and the JSON is written in canonical form,
 * so the diff a reviewer sees is only what was changed in the UI.
 */
import * as fs from "fs";
import * as path from "path";
import type { WorkspaceClient } from "@databricks/sdk-experimental";
import { canonicalJson, parseJson } from "../../components/analytics/canonical-json";
import type { DashboardTarget } from "../../components/analytics/render";
import { checkDashboardTemplate } from "../../checks/dashboards-template";
import type { DashboardEntry } from "../../dashboards";

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The template form of a dashboard serialised for `target`. */
export function templateFromPulled(serialized: string, target: DashboardTarget, source: string): string {
    const { catalog, schema } = target;
    // Plain and back-quoted spellings; the UI keeps whatever the author typed.
    const qualified = new RegExp(`(?<![\\w\`])\`?${escapeRegExp(catalog)}\`?\\.\`?${escapeRegExp(schema)}\`?\\.`, "g");
    const templated = serialized.replace(qualified, "{{catalog}}.{{schema}}.");
    return canonicalJson(parseJson(templated, source));
}

export interface PullOptions {
    readonly client: WorkspaceClient;
    readonly target: DashboardTarget;
    readonly entries: readonly DashboardEntry[];
    /** The stack's display name of a title (naming module), which is how the deployed dashboard is found. */
    readonly displayNameFor: (title: string) => string;
    /** Repository root the templates are written under. */
    readonly root: string;
    readonly log?: (line: string) => void;
}

export interface PullResult {
    readonly written: string[];
    /**
     * What would block the next deploy or `npm test` (every template check: format, placeholders, SQL,
     * contract): written anyway, so the UI change is not lost, but to be fixed before committing.
     */
    readonly warnings: string[];
}

export async function pullDashboards(options: PullOptions): Promise<PullResult> {
    const log = options.log ?? (() => undefined);
    const wanted = new Map(options.entries.map((entry) => [options.displayNameFor(entry.title), entry]));
    const found = new Map<string, string[]>();
    for await (const dashboard of options.client.lakeview.list({ page_size: 100 })) {
        const name = dashboard.display_name;
        if (name !== undefined && wanted.has(name) && dashboard.dashboard_id !== undefined) {
            found.set(name, [...(found.get(name) ?? []), dashboard.dashboard_id]);
        }
    }
    const problems: string[] = [];
    for (const [name, entry] of wanted) {
        const ids = found.get(name) ?? [];
        if (ids.length === 0) problems.push(`${entry.key}: no dashboard named "${name}" in the workspace; deploy the stack first`);
        if (ids.length > 1) problems.push(`${entry.key}: ${ids.length} dashboards are named "${name}" (${ids.join(", ")}); trash the stray copies first`);
    }
    if (problems.length > 0) throw new Error(`cannot pull:\n${problems.map((p) => `  - ${p}`).join("\n")}`);

    const written: string[] = [];
    const warnings: string[] = [];
    for (const [name, entry] of wanted) {
        const [id] = found.get(name)!;
        const dashboard = await options.client.lakeview.get({ dashboard_id: id });
        if (dashboard.serialized_dashboard === undefined) throw new Error(`${entry.key}: dashboard ${id} came back without serialized_dashboard`);
        const template = templateFromPulled(dashboard.serialized_dashboard, options.target, entry.file);
        warnings.push(...checkDashboardTemplate(template, entry.file).problems);
        const file = path.join(options.root, entry.file);
        fs.writeFileSync(file, template);
        written.push(entry.file);
        log(`pulled ${entry.key} (${id}) -> ${entry.file}`);
    }
    return { written, warnings };
}
