// Where each taggable Databricks resource keeps its tags, read from the type
// definitions of @pulumi/databricks 1.110. Resources missing here have no tag
// input in that provider version (App, VectorSearchEndpoint, Dashboard, Schema,
// Volume, Notebook, WorkspaceFile, the other Postgres* resources); Apps and
// Vector Search endpoints are attributed through `budgetPolicyId` instead.

type TagShape =
    | { kind: "map"; path: readonly string[] }
    | { kind: "keyValueList"; path: readonly string[] };

export const TAG_SHAPES: Readonly<Record<string, TagShape>> = {
    "databricks:index/job:Job": { kind: "map", path: ["tags"] },
    "databricks:index/pipeline:Pipeline": { kind: "map", path: ["tags"] },
    "databricks:index/cluster:Cluster": { kind: "map", path: ["customTags"] },
    "databricks:index/instancePool:InstancePool": { kind: "map", path: ["customTags"] },
    "databricks:index/sqlEndpoint:SqlEndpoint": { kind: "keyValueList", path: ["tags", "customTags"] },
    "databricks:index/modelServing:ModelServing": { kind: "keyValueList", path: ["tags"] },
    "databricks:index/postgresProject:PostgresProject": { kind: "keyValueList", path: ["spec", "customTags"] },
    "databricks:index/budgetPolicy:BudgetPolicy": { kind: "keyValueList", path: ["customTags"] },
};

export function isTaggableType(type: string): boolean {
    return Object.prototype.hasOwnProperty.call(TAG_SHAPES, type);
}

export function tagInputPath(type: string): string {
    return shapeOf(type).path.join(".");
}

// Returns the tags as a map; values are left as found (possibly not strings) so
// the caller can name a bad value. Reading goes through the SDK's proxy, so an
// unknown tag block throws UnknownValueError, which is the intended outcome.
export function readTags(type: string, props: Record<string, unknown>): ReadonlyMap<string, unknown> {
    const shape = shapeOf(type);
    let node: unknown = props;
    for (const key of shape.path) {
        if (node === undefined || node === null) {
            return new Map();
        }
        node = (node as Record<string, unknown>)[key];
    }
    if (node === undefined || node === null) {
        return new Map();
    }
    if (shape.kind === "map") {
        return new Map(Object.entries(node as Record<string, unknown>));
    }
    const tags = new Map<string, unknown>();
    for (const entry of node as ReadonlyArray<{ key?: unknown; value?: unknown }>) {
        if (typeof entry.key === "string") {
            tags.set(entry.key, entry.value);
        }
    }
    return tags;
}

function shapeOf(type: string): TagShape {
    const shape = TAG_SHAPES[type];
    if (shape === undefined) {
        throw new Error(`Resource type "${type}" has no known tag input; known taggable types: ${Object.keys(TAG_SHAPES).join(", ")}.`);
    }
    return shape;
}
