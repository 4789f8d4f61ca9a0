import { PlanResource, STACK_TYPE } from "./plan-types";

/**
 * The resource list arranged the way a reader walks it: parents before children, siblings sorted
 * by type then name, so the plan's order never depends on the order Outputs happened to resolve.
 */
export interface PlanIndex {
    /** Every resource except the stack itself, in reading order. */
    readonly ordered: readonly PlanResource[];
    readonly byUrn: ReadonlyMap<string, PlanResource>;
    /** Children of a resource (or of the stack, for `undefined`), in reading order. */
    childrenOf(urn: string | undefined): readonly PlanResource[];
    /** Short, unique display name for a URN. */
    label(urn: string): string;
}

/** `urn:pulumi:<stack>::<project>::<type chain>::<name>` → the resource type and name. */
export function parseUrn(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    if (!urn.startsWith("urn:pulumi:") || parts.length < 4) {
        throw new Error(`plan: "${urn}" is not a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>)`);
    }
    const typeChain = parts[2].split("$");
    return { type: typeChain[typeChain.length - 1], name: parts.slice(3).join("::") };
}

/** `databricks:index/job:Job` → `databricks:Job`; component types keep their package and name. */
export function shortType(type: string): string {
    const segments = type.split(":");
    return segments.length === 3 ? `${segments[0]}:${segments[2]}` : type;
}

export function buildIndex(resources: readonly PlanResource[]): PlanIndex {
    const byUrn = new Map<string, PlanResource>();
    for (const resource of resources) {
        if (byUrn.has(resource.urn)) throw new Error(`plan: resource ${resource.urn} is registered twice`);
        byUrn.set(resource.urn, resource);
    }
    const isStack = (urn: string) => parseUrn(urn).type === STACK_TYPE;

    const children = new Map<string | undefined, PlanResource[]>();
    for (const resource of resources) {
        if (resource.type === STACK_TYPE) continue;
        const parent = resource.parent !== undefined && !isStack(resource.parent) ? resource.parent : undefined;
        if (parent !== undefined && !byUrn.has(parent)) {
            throw new Error(`plan: ${resource.urn} names parent ${parent}, which was never registered`);
        }
        for (const dependency of resource.dependencies) {
            if (!byUrn.has(dependency) && !isStack(dependency)) {
                throw new Error(`plan: ${resource.urn} depends on ${dependency}, which was never registered`);
            }
        }
        children.set(parent, [...(children.get(parent) ?? []), resource]);
    }
    for (const list of children.values()) list.sort(compareResources);

    const ordered: PlanResource[] = [];
    const visit = (parent: string | undefined) => {
        for (const child of children.get(parent) ?? []) {
            ordered.push(child);
            visit(child.urn);
        }
    };
    visit(undefined);

    const nameCounts = new Map<string, number>();
    for (const resource of ordered) nameCounts.set(resource.name, (nameCounts.get(resource.name) ?? 0) + 1);
    const label = (urn: string) => {
        const { type, name } = parseUrn(urn);
        return (nameCounts.get(name) ?? 0) > 1 ? `${name} (${shortType(type)})` : name;
    };

    return { ordered, byUrn, childrenOf: (urn) => children.get(urn) ?? [], label };
}

function compareResources(a: PlanResource, b: PlanResource): number {
    return compareText(a.type, b.type) || compareText(a.name, b.name) || compareText(a.urn, b.urn);
}

/** Code-unit order, so the result does not depend on the machine's locale. */
export function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
