/**
 * Problems must point a reviewer at the page and widget by name, not at `pages[0].layout[7]`.
 */
type PathKey = PropertyKey;

function nameAt(value: unknown): string | undefined {
    if (value !== null && typeof value === "object" && typeof (value as { name?: unknown }).name === "string") {
        return (value as { name: string }).name;
    }
    return undefined;
}

/** `page "overview" > widget "kpi_total" > spec.version` for a zod-style path into the raw dashboard. */
export function describeLocation(root: unknown, path: readonly PathKey[]): string {
    const parts: string[] = [];
    let plain: string[] = [];
    let node: unknown = root;
    const flush = () => {
        if (plain.length > 0) parts.push(plain.join(".").replace(/\.\[/g, "["));
        plain = [];
    };
    for (let i = 0; i < path.length; i++) {
        const key = path[i];
        const child = node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
        const parentKey = path[i - 1];
        if (typeof key === "number" && (parentKey === "pages" || parentKey === "datasets" || parentKey === "layout")) {
            plain.pop();
            flush();
            const kind = parentKey === "pages" ? "page" : parentKey === "datasets" ? "dataset" : "widget";
            const name = parentKey === "layout" ? nameAt((child as { widget?: unknown } | undefined)?.widget) : nameAt(child);
            parts.push(name === undefined ? `${kind} #${key}` : `${kind} "${name}"`);
            // The layout item wraps the widget; its path continues with "widget", which adds nothing.
            if (parentKey === "layout" && path[i + 1] === "widget") {
                node = (child as { widget?: unknown } | undefined)?.widget;
                i++;
                continue;
            }
        } else {
            plain.push(typeof key === "number" ? `[${key}]` : String(key));
        }
        node = child;
    }
    flush();
    return parts.length === 0 ? "(top level)" : parts.join(" > ");
}
