/**
 * Name resolution for the SQL checker: which objects a statement may read (contract, objects created
 * earlier in the same file, CTEs) and which columns are in scope for an expression.
 */
import { closestNames } from "../contract/lookup";
import type { DatasetContract } from "../contract/types";

/** Placeholder values used to render templates before parsing; distinctive so they never match real names. */
export const SAMPLE_TEMPLATE_VALUES = { catalog: "contract_check_catalog", schema: "contract_check_schema", approval_rate_alert_min_percent: "80" } as const;

export interface KnownObject {
    readonly name: string;
    readonly columns: readonly string[];
}

/** A relation visible in a FROM clause: a table, view, CTE or subquery, under its alias. */
export interface Relation {
    readonly alias: string;
    /** Undefined when the checker cannot know them (it then reports that instead of guessing). */
    readonly columns: readonly string[] | undefined;
    readonly describe: string;
}

export interface Scope {
    readonly relations: Relation[];
    readonly selectAliases: Set<string>;
    readonly parent?: Scope;
}

/** Resolves a query's table references against the contract: unqualified, or qualified with the stack's namespace. */
export class ObjectResolver {
    private readonly objects = new Map<string, KnownObject>();

    constructor(contract: readonly DatasetContract[]) {
        for (const dataset of contract) {
            this.objects.set(dataset.name.toLowerCase(), { name: dataset.name, columns: dataset.columns.map((c) => c.name) });
        }
    }

    /** The object named by `parts` (already normalised), or a problem text explaining why not. */
    resolve(parts: readonly string[]): KnownObject | string {
        const dotted = parts.join(".");
        const exact = this.objects.get(dotted);
        if (exact && parts.length > 1) return exact;
        const name = parts[parts.length - 1];
        const qualifier = parts.slice(0, -1);
        const { catalog, schema } = SAMPLE_TEMPLATE_VALUES;
        const ownNamespace = qualifier.length === 0 || (qualifier.length === 2 && qualifier[0] === catalog && qualifier[1] === schema);
        if (!ownNamespace) {
            return (
                `table "${dotted}" is outside the stack's schema: qualify solution objects as ` +
                "{{catalog}}.{{schema}}.<name>, and external objects must be declared in contract/external.ts"
            );
        }
        const found = this.objects.get(name);
        if (found) return found;
        const close = closestNames(name, [...this.objects.values()].map((o) => o.name));
        return `unknown table "${name}"${close.length > 0 ? ` (did you mean ${close.map((c) => `"${c}"`).join(", ")}?)` : ""}: it is neither in the contract nor an external object (contract/external.ts)`;
    }
}

/** Checks a column reference; returns a problem text, or undefined when it resolves. */
export function resolveColumn(parts: readonly string[], scope: Scope): string | undefined {
    const [first, second] = parts;
    for (let current: Scope | undefined = scope; current; current = current.parent) {
        if (parts.length >= 2) {
            const relation = current.relations.find((r) => r.alias === first);
            if (relation) {
                if (!relation.columns || relation.columns.includes(second)) return undefined;
                return `unknown column "${second}" in ${relation.describe}${suggest(second, relation.columns)}`;
            }
        }
        const holders = current.relations.filter((r) => r.columns?.includes(first));
        if (holders.length === 1) return undefined;
        if (holders.length > 1) {
            return `ambiguous column "${first}": it is in ${holders.map((h) => h.describe).join(" and ")}; qualify it`;
        }
        if (current.relations.some((r) => r.columns === undefined)) return undefined;
        if (current.selectAliases.has(first)) return undefined;
    }
    const visible = scope.relations.flatMap((r) => r.columns ?? []);
    const where = scope.relations.length > 0 ? scope.relations.map((r) => r.describe).join(", ") : "no FROM clause";
    return `unknown column "${parts.join(".")}": not a column of ${where}${suggest(first, visible)}`;
}

function suggest(name: string, candidates: readonly string[]): string {
    const close = closestNames(name, candidates);
    return close.length > 0 ? ` (did you mean ${close.map((c) => `"${c}"`).join(", ")}?)` : "";
}
