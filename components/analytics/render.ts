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

// Lakeview's own templates: a table column's link and image settings (`linkUrlTemplate`,
// `imageTitleTemplate`, ...) are mustache over the row (`{{ @ }}` the cell, `{{ order_id }}` another
// column). The editor writes them into every column of a version 1 table, so a table touched in the UI
// has them; they are the dashboard's, never placeholders of ours, and are passed through untouched.
function isLakeviewTemplateKey(key: string): boolean {
    return key.endsWith("Template");
}

/** `{{` left over after rendering means a placeholder the renderer did not recognise, e.g. `{{ catalog.x }}`. */
export function leftoverPlaceholders(text: string): string[] {
    return [...text.matchAll(/\{\{[^}]*\}?\}?/g)].map((match) => match[0]);
}

/** Every string value of `value` through `fill`, except the values of Lakeview's own template keys. */
function fillStrings(value: unknown, fill: (text: string) => string): unknown {
    if (typeof value === "string") return fill(value);
    if (Array.isArray(value)) return value.map((item) => fillStrings(item, fill));
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(
            Object.entries(value).map(([key, child]) => [key, typeof child === "string" && isLakeviewTemplateKey(key) ? child : fillStrings(child, fill)]),
        );
    }
    return value;
}

export function renderDashboard(template: string, target: DashboardTarget, source: string): string {
    for (const key of ["catalog", "schema"] as const) {
        if (!PLAIN_IDENTIFIER.test(target[key])) {
            throw new Error(
                `${source}: ${key} "${target[key]}" is not a plain identifier (letters, digits, underscore; not starting with a digit)`,
            );
        }
    }
    const leftovers: string[] = [];
    const filled = fillStrings(parseJson(template, source), (text) => {
        const rendered = renderTemplate(text, { catalog: target.catalog, schema: target.schema }, source);
        leftovers.push(...leftoverPlaceholders(rendered));
        return rendered;
    });
    if (leftovers.length > 0) {
        throw new Error(`${source}: unrendered placeholder text ${leftovers.map((l) => JSON.stringify(l)).join(", ")}`);
    }
    return canonicalJson(filled);
}
