/**
 * Holds each notebook's static facts to the data contract and to notebooks/requirements.ts: the tables
 * it creates (names, producer, columns, types, nullability), the columns it names for consumers, the
 * merchant domain it shares with other producers, and its widgets.
 */
import { closestNames, datasets, datasetsProducedBy } from "../contract";
import { MERCHANT_COUNT, MERCHANT_COUNTRIES, MERCHANT_RISK_TIERS, MERCHANT_SEGMENTS } from "../contract/domains";
import type { DatasetContract } from "../contract";
import type { NotebookSpec } from "../notebooks/requirements";
import type { DeclaredColumn, NotebookFacts } from "./notebook-facts";

const DOMAIN: Readonly<Record<string, unknown>> = {
    MERCHANT_COUNT,
    MERCHANT_SEGMENTS,
    MERCHANT_COUNTRIES,
    MERCHANT_RISK_TIERS,
};

function unknownDataset(name: string): string {
    const close = closestNames(name, datasets.map((d) => d.name));
    return `"${name}" is not in the data contract${close.length > 0 ? ` (did you mean ${close.join(", ")}?)` : ""}`;
}

function columnProblems(table: string, declared: readonly DeclaredColumn[], contract: DatasetContract): string[] {
    const problems: string[] = [];
    const expected = new Map(contract.columns.map((c) => [c.name, c]));
    const seen = new Set<string>();
    for (const column of declared) {
        if (seen.has(column.name)) problems.push(`table ${table}: column "${column.name}" is declared twice`);
        seen.add(column.name);
        const want = expected.get(column.name);
        if (!want) {
            const close = closestNames(column.name, [...expected.keys()]);
            problems.push(
                `table ${table}: column "${column.name}" is not in the contract` +
                    (close.length > 0 ? ` (did you mean ${close.join(", ")}?)` : ""),
            );
            continue;
        }
        if (want.type !== column.type) {
            problems.push(`table ${table}: column "${column.name}" is ${column.type}, the contract says ${want.type}`);
        }
        const wantNullable = want.nullable ?? true;
        if (wantNullable !== column.nullable) {
            problems.push(
                `table ${table}: column "${column.name}" is ${column.nullable ? "nullable" : "not null"}, ` +
                    `the contract says ${wantNullable ? "nullable" : "not null"}`,
            );
        }
    }
    for (const name of expected.keys()) {
        if (!seen.has(name)) problems.push(`table ${table}: contract column "${name}" is missing from the notebook's schema`);
    }
    return problems;
}

/** Tables: every declared table is in the contract with this notebook as producer, with the same columns, and vice versa. */
export function outputProblems(notebookPath: string, facts: NotebookFacts): string[] {
    const problems: string[] = [];
    const byName = new Map(datasets.map((d) => [d.name, d]));
    const declared = new Set<string>();
    for (const output of facts.outputs) {
        if (declared.has(output.table)) problems.push(`table ${output.table} is declared twice`);
        declared.add(output.table);
        const contract = byName.get(output.table);
        if (!contract) {
            problems.push(`line ${output.line}: table ${unknownDataset(output.table)}`);
            continue;
        }
        if (contract.producer.path !== notebookPath) {
            problems.push(
                `line ${output.line}: table ${output.table} is produced by ${contract.producer.path} according to the contract, not by ${notebookPath}`,
            );
            continue;
        }
        problems.push(...columnProblems(output.table, output.columns, contract));
    }
    for (const expected of datasetsProducedBy(notebookPath)) {
        if (!declared.has(expected.name)) {
            problems.push(`the contract says this notebook creates ${expected.name}, but it declares no such table`);
        }
    }
    return problems;
}

/** Columns a notebook names for others (e.g. the Genie space instructions) must exist. */
export function referenceProblems(facts: NotebookFacts): string[] {
    const problems: string[] = [];
    const byName = new Map(datasets.map((d) => [d.name, d]));
    for (const [table, columns] of Object.entries(facts.columnReferences)) {
        const contract = byName.get(table);
        if (!contract) {
            problems.push(`referenced table ${unknownDataset(table)}`);
            continue;
        }
        const known = contract.columns.map((c) => c.name);
        for (const column of columns) {
            if (!known.includes(column)) {
                const close = closestNames(column, known);
                problems.push(
                    `referenced column ${table}.${column} is not in the contract` +
                        (close.length > 0 ? ` (did you mean ${close.join(", ")}?)` : ""),
                );
            }
        }
    }
    return problems;
}

/** Merchant-domain literals must equal contract/domains.ts wherever a notebook defines them. */
export function domainProblems(facts: NotebookFacts): string[] {
    return Object.entries(facts.constants)
        .filter(([name, value]) => name in DOMAIN && JSON.stringify(value) !== JSON.stringify(DOMAIN[name]))
        .map(([name, value]) => `${name} = ${JSON.stringify(value)} differs from contract/domains.ts (${JSON.stringify(DOMAIN[name])})`);
}

/**
 * Models: a column the label is computed from may not be a feature (the original's risk label used
 * fraud_score, also a feature), and the declared models are exactly the served ones.
 */
export function modelProblems(facts: NotebookFacts, expectedModels: readonly string[]): string[] {
    const problems: string[] = [];
    for (const model of facts.models) {
        const features = new Set([...model.numeric_features, ...model.categorical_features]);
        const leaked = model.label_sources.filter((column) => features.has(column));
        if (leaked.length > 0) {
            problems.push(`line ${model.line}: model ${model.name} uses label source column(s) ${leaked.join(", ")} as features (label leakage)`);
        }
    }
    if (facts.models.length > 0 || expectedModels.length > 0) {
        const declared = facts.models.map((m) => m.name).sort();
        if (JSON.stringify(declared) !== JSON.stringify([...expectedModels].sort())) {
            problems.push(`models declared are [${declared.join(", ")}], expected [${[...expectedModels].sort().join(", ")}]`);
        }
    }
    return problems;
}

/** Exact distinct counts fail streaming aggregations at runtime; streaming notebooks use approx_count_distinct. */
export function streamingProblems(facts: NotebookFacts): string[] {
    if (!facts.streaming) return [];
    return facts.exactDistinctLines.map(
        (line) => `line ${line}: countDistinct in a notebook that reads a stream; streaming aggregations need approx_count_distinct`,
    );
}

/** Widgets: read only what is declared, declare only what is read, and exactly the spec's parameters. */
export function widgetProblems(facts: NotebookFacts, spec: NotebookSpec): string[] {
    const problems: string[] = [];
    const declared = new Set(facts.widgets.declared);
    const used = new Set(facts.widgets.used);
    for (const name of used) if (!declared.has(name)) problems.push(`widget "${name}" is read but never declared`);
    for (const name of declared) if (!used.has(name)) problems.push(`widget "${name}" is declared but never read`);
    if (facts.widgets.declared.length !== declared.size) problems.push("a widget is declared twice");
    const parameters = new Set(spec.parameters);
    for (const name of declared) {
        if (!parameters.has(name)) problems.push(`widget "${name}" is not in notebooks/requirements.ts parameters of ${spec.name}`);
    }
    for (const name of parameters) {
        if (!declared.has(name)) problems.push(`parameter "${name}" of ${spec.name} in notebooks/requirements.ts has no widget`);
    }
    return problems;
}
