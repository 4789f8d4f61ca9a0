/**
 * The deployment's critical path from the registered dependency graph: each resource starts when all it
 * depends on have finished (the engine's parallelism), so the path is the longest chain of durations.
 * Pure: it takes nodes and weights, tests give it small hand-made graphs.
 */
export interface GraphNode {
    readonly id: string;
    readonly minutes: number;
    readonly dependsOn: readonly string[];
}

export interface CriticalPath {
    readonly totalMinutes: number;
    /** Node ids from the first step to the last. */
    readonly path: readonly string[];
    /** Sum of every node's minutes: the time if everything ran one after the other. */
    readonly serialMinutes: number;
}

export function criticalPath(nodes: readonly GraphNode[]): CriticalPath {
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const finish = new Map<string, { minutes: number; via?: string }>();
    const visiting = new Set<string>();

    const finishOf = (id: string): number => {
        const known = finish.get(id);
        if (known) return known.minutes;
        const node = byId.get(id);
        if (!node) throw new Error(`critical path: ${id} is a dependency but was never registered`);
        if (visiting.has(id)) throw new Error(`critical path: dependency cycle through ${id}`);
        visiting.add(id);
        let start = 0;
        let via: string | undefined;
        for (const dependency of node.dependsOn) {
            const end = finishOf(dependency);
            if (via === undefined || end > start) {
                start = end;
                via = dependency;
            }
        }
        visiting.delete(id);
        finish.set(id, { minutes: start + node.minutes, via });
        return start + node.minutes;
    };

    let last: string | undefined;
    let total = 0;
    for (const node of nodes) {
        const end = finishOf(node.id);
        if (last === undefined || end > total) {
            total = end;
            last = node.id;
        }
    }
    const path: string[] = [];
    for (let id = last; id !== undefined; id = finish.get(id)?.via) path.unshift(id);
    return { totalMinutes: total, path, serialMinutes: nodes.reduce((sum, node) => sum + node.minutes, 0) };
}
