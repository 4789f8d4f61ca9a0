/**
 * The README shows the dev stack's dependency graph, copied from `plans/dev.md` between two markers, so
 * GitHub renders it on the front page. `npm run plan -- --stack dev` keeps the copy in step; a test fails
 * when it is stale.
 */
export const GRAPH_START = "<!-- dev-graph:start (written by npm run plan -- --stack dev) -->";
export const GRAPH_END = "<!-- dev-graph:end -->";

/** The Mermaid block of a plan, fences included. */
export function mermaidBlock(plan: string): string {
    const match = /```mermaid\n[\s\S]*?\n```/.exec(plan);
    if (!match) throw new Error("the plan has no ```mermaid block");
    return match[0];
}

/** The README with its graph section replaced by `block`; throws when the markers are missing. */
export function withGraph(readme: string, block: string): string {
    const start = readme.indexOf(GRAPH_START);
    const end = readme.indexOf(GRAPH_END);
    if (start < 0 || end < start) throw new Error(`README.md needs the markers ${GRAPH_START} and ${GRAPH_END}`);
    return `${readme.slice(0, start + GRAPH_START.length)}\n${block}\n${readme.slice(end)}`;
}
