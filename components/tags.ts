/** Tag shapes differ per Databricks resource; one place turns our tag map into each, in a stable order. */
export type Tags = Readonly<Record<string, string>>;

/** `[{key, value}]` sorted by key, as SQL warehouses and Lakebase instances take them. */
export function keyValueTags(tags: Tags): Array<{ key: string; value: string }> {
    return Object.keys(tags)
        .sort()
        .map((key) => ({ key, value: tags[key] }));
}

/** The same map with keys in sorted order, so serialised inputs never differ by key order. */
export function sortedTags(tags: Tags): Record<string, string> {
    const sorted: Record<string, string> = {};
    for (const key of Object.keys(tags).sort()) sorted[key] = tags[key];
    return sorted;
}
