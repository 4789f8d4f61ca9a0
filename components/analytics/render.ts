/**
 * Turns a dashboard template into what one stack deploys: placeholders filled, keys sorted. Pure, so the
 * component, the golden files and the validator all see the very same string.
 */
import { renderTemplate } from "../templating";
import { canonicalJson, parseJson } from "./canonical-json";

export interface DashboardTarget {
    readonly catalog: string;
    readonly schema: string;
}

// Unity Catalog names that need no quoting in SQL; anything else would break every dataset query.
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

// A version 1 table (what the editor writes for a table touched in the UI) carries `{{ @ }}`, its cell-value
// template, in every column's link and image settings; it is Lakeview's, not a placeholder of ours.
const TABLE_CELL_TEMPLATE = /^\{\{\s*@\s*\}\}$/;

/** `{{` left over after rendering means a placeholder the renderer did not recognise, e.g. `{{ catalog.x }}`. */
export function leftoverPlaceholders(text: string): string[] {
    return [...text.matchAll(/\{\{[^}]*\}?\}?/g)].map((match) => match[0]).filter((found) => !TABLE_CELL_TEMPLATE.test(found));
}

export function renderDashboard(template: string, target: DashboardTarget, source: string): string {
    for (const key of ["catalog", "schema"] as const) {
        if (!PLAIN_IDENTIFIER.test(target[key])) {
            throw new Error(
                `${source}: ${key} "${target[key]}" is not a plain identifier (letters, digits, underscore; not starting with a digit)`,
            );
        }
    }
    const filled = renderTemplate(template, { catalog: target.catalog, schema: target.schema }, source);
    const leftovers = leftoverPlaceholders(filled);
    if (leftovers.length > 0) {
        throw new Error(`${source}: unrendered placeholder text ${leftovers.map((l) => JSON.stringify(l)).join(", ")}`);
    }
    return canonicalJson(parseJson(filled, source));
}
