import { PlanIndex, compareText, shortType } from "./plan-index";

/**
 * A Mermaid flowchart of the deployment order: components become subgraphs holding their children,
 * arrows point from a dependency to what needs it. Only the transitive reduction is drawn (an arrow
 * that another path already implies is left out); with about a hundred resources the full edge set
 * is unreadable and adds no ordering information.
 */
export function renderMermaid(index: PlanIndex): string {
    const ids = new Map<string, string>();
    index.ordered.forEach((resource, position) => ids.set(resource.urn, `r${position}`));

    const lines = ["```mermaid", "graph LR"];
    const emit = (parent: string | undefined, depth: number) => {
        const indent = "    ".repeat(depth);
        for (const child of index.childrenOf(parent)) {
            const id = ids.get(child.urn) as string;
            // The type line tells equal names apart, so the plain name suffices here.
            const text = escapeLabel(`${child.name}<br/>${shortType(child.type)}`);
            if (index.childrenOf(child.urn).length > 0) {
                lines.push(`${indent}subgraph ${id}["${text}"]`);
                emit(child.urn, depth + 1);
                lines.push(`${indent}end`);
            } else {
                lines.push(`${indent}${id}["${text}"]`);
            }
        }
    };
    emit(undefined, 1);

    for (const [from, to] of reducedEdges(index)) lines.push(`    ${ids.get(from)} --> ${ids.get(to)}`);
    lines.push("```");
    return lines.join("\n");
}

/** Dependency → dependent pairs without the ones implied by a longer path, in reading order. */
export function reducedEdges(index: PlanIndex): Array<[string, string]> {
    const order = new Map(index.ordered.map((resource, position) => [resource.urn, position]));
    const dependents = new Map<string, Set<string>>();
    for (const resource of index.ordered) {
        for (const dependency of resource.dependencies) {
            if (!order.has(dependency) || dependency === resource.urn) continue;
            const set = dependents.get(dependency) ?? new Set<string>();
            set.add(resource.urn);
            dependents.set(dependency, set);
        }
    }
    const reachableWithoutEdge = (from: string, to: string): boolean => {
        const seen = new Set<string>();
        const stack = [...(dependents.get(from) ?? [])].filter((next) => next !== to);
        while (stack.length > 0) {
            const current = stack.pop() as string;
            if (current === to) return true;
            if (seen.has(current)) continue;
            seen.add(current);
            stack.push(...(dependents.get(current) ?? []));
        }
        return false;
    };
    const edges: Array<[string, string]> = [];
    for (const [from, targets] of dependents) {
        for (const to of targets) if (!reachableWithoutEdge(from, to)) edges.push([from, to]);
    }
    const position = (urn: string) => order.get(urn) as number;
    return edges.sort((a, b) => position(a[0]) - position(b[0]) || position(a[1]) - position(b[1]) || compareText(a[1], b[1]));
}

function escapeLabel(text: string): string {
    return text.replace(/"/g, "#quot;");
}
