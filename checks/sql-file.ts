/**
 * Statement-level rules for SQL files: what each statement creates and writes, checked against the
 * contract, and the idempotency rules every deployed file must follow.
 */
import type { DatasetContract } from "../contract/types";
import type { ParseTreeNode } from "./spark-grammar";
import { analyzeQuery, checkExpressions, type QueryEnvironment } from "./sql-query";
import { SAMPLE_TEMPLATE_VALUES, type KnownObject, type ObjectResolver, type Scope } from "./sql-scope";
import { alternativeOf, childWithRule, childrenOf, childrenWithRule, findAll, keywordsOf, nameParts, normalizeIdentifier, ruleOf } from "./sql-tree";

export interface StatementOutcome {
    /** Object created by the statement, with its columns. */
    readonly created?: KnownObject & { readonly kind: "view" | "table" };
}

const ALLOW_DEFAULTS = "delta.feature.allowColumnDefaults";

/** Checks one parsed statement. `statementNode` is the `statement` rule node. */
export function checkStatement(
    statementNode: ParseTreeNode,
    env: QueryEnvironment,
    contractByName: ReadonlyMap<string, DatasetContract>,
): StatementOutcome {
    const kind = alternativeOf(statementNode);
    switch (kind) {
        case "QueryStatement":
            analyzeQuery(statementNode, env);
            return {};
        case "StatementDefault": {
            // A plain query at statement level is wrapped in this alternative.
            const query = childWithRule(statementNode, "query");
            if (query) analyzeQuery(query, env);
            else env.report(statementNode, "statement without a query");
            return {};
        }
        case "CreateView":
            return checkCreateView(statementNode, env, contractByName);
        case "CreateTable":
            return checkCreateTable(statementNode, env, contractByName);
        case "DmlStatement":
            checkDml(statementNode, env);
            return {};
        case "UseNamespace":
            useSchema(statementNode, env.resolver);
            return {};
        case "SetTableProperties": {
            const table = childWithRule(statementNode, "tableName");
            if (table) targetOf(table, env);
            return {};
        }
        default:
            env.report(
                statementNode,
                `statement kind ${kind} is not supported by the checker (supported: SELECT, CREATE OR REPLACE VIEW, ` +
                    "CREATE TABLE IF NOT EXISTS, INSERT, MERGE, ALTER TABLE SET TBLPROPERTIES, USE CATALOG/SCHEMA)",
            );
            return {};
    }
}

function useSchema(node: ParseTreeNode, resolver: ObjectResolver): void {
    const nameNode = childWithRule(node, "namespaceName");
    const parts = nameNode ? nameParts(nameNode) : [];
    if (parts.length === 2) [resolver.catalog, resolver.schema] = parts;
    else resolver.schema = parts[0];
}

function checkCreateView(node: ParseTreeNode, env: QueryEnvironment, contract: ReadonlyMap<string, DatasetContract>): StatementOutcome {
    const nameNode = childWithRule(node, "viewNameCreate");
    const query = childWithRule(node, "query");
    if (!nameNode || !query) return {};
    const name = createdName(nameNode, env);
    if (!keywordsOf(node).includes("REPLACE")) {
        env.report(node, `CREATE VIEW ${name} must be CREATE OR REPLACE VIEW so the file can run again`);
    }
    const outputs = analyzeQuery(query, env);
    const declared = findAll(node, ["columnNameCreate"], ["query"]).map((c) => normalizeIdentifier(c.getText()));
    const columns = declared.length > 0 ? declared : outputs;
    compareWithContract(node, name, "view", columns, contract, env);
    return { created: { name, columns, kind: "view" } };
}

function checkCreateTable(node: ParseTreeNode, env: QueryEnvironment, contract: ReadonlyMap<string, DatasetContract>): StatementOutcome {
    const nameNode = childWithRule(node, "tableNameCreate");
    if (!nameNode) return {};
    const name = createdName(nameNode, env);
    if (!childWithRule(node, "ifNotExists") && !keywordsOf(node).includes("REPLACE")) {
        env.report(node, `CREATE TABLE ${name} must say IF NOT EXISTS so running the file again keeps its data`);
    }
    const definitions = findAll(node, ["createOrReplaceTableColType"], ["query"]);
    const query = childWithRule(node, "query");
    const columns = query
        ? analyzeQuery(query, env)
        : definitions.map((d) => normalizeIdentifier(childWithRule(d, "columnNameCreate")?.getText() ?? ""));
    const dataset = compareWithContract(node, name, "table", columns, contract, env);
    if (dataset && !query) compareColumnDefinitions(definitions, dataset, env);
    const usesDefault = definitions.some((d) => childrenWithRule(d, "colDefinitionOption").some((o) => keywordsOf(o)[0] === "DEFAULT"));
    if (usesDefault && tableProperty(node, ALLOW_DEFAULTS) !== "supported") {
        env.report(node, `table ${name} uses column DEFAULT values, which fail unless TBLPROPERTIES sets '${ALLOW_DEFAULTS}' = 'supported'`);
    }
    return { created: { name, columns, kind: "table" } };
}

function compareColumnDefinitions(definitions: ParseTreeNode[], dataset: DatasetContract, env: QueryEnvironment): void {
    for (const definition of definitions) {
        const name = normalizeIdentifier(childWithRule(definition, "columnNameCreate")?.getText() ?? "");
        const expected = dataset.columns.find((c) => c.name === name);
        if (!expected) continue; // reported by the column-list comparison
        const type = (childWithRule(definition, "dataType")?.getText() ?? "").toLowerCase();
        if (type !== expected.type) {
            env.report(definition, `${dataset.name}.${name} is declared ${type} but the contract says ${expected.type}`);
        }
        const notNull = childrenWithRule(definition, "colDefinitionOption").some((o) => keywordsOf(o).join(" ") === "NOT NULL");
        if (notNull !== (expected.nullable === false)) {
            env.report(
                definition,
                `${dataset.name}.${name} is ${notNull ? "NOT NULL" : "nullable"} but the contract says ${expected.nullable === false ? "not null" : "nullable"}`,
            );
        }
    }
}

function tableProperty(node: ParseTreeNode, key: string): string | undefined {
    for (const property of findAll(node, ["property"], ["query"])) {
        const keyNode = childWithRule(property, "propertyKey");
        const valueNode = childWithRule(property, "propertyValue");
        if (keyNode && unquote(keyNode.getText()) === key) return valueNode ? unquote(valueNode.getText()).toLowerCase() : undefined;
    }
    return undefined;
}

function unquote(text: string): string {
    return /^'.*'$|^".*"$/.test(text) ? text.slice(1, -1) : text;
}

/** The unqualified name of a created object; it must land in the stack's schema. */
function createdName(nameNode: ParseTreeNode, env: QueryEnvironment): string {
    const parts = nameParts(nameNode);
    const name = parts[parts.length - 1];
    const resolved = env.resolver.resolve(parts);
    // Resolution of an object not created yet fails with "unknown table"; only a namespace problem matters here.
    if (typeof resolved === "string" && !resolved.startsWith("unknown table")) env.report(nameNode, resolved);
    return name;
}

function compareWithContract(
    node: ParseTreeNode,
    name: string,
    kind: "view" | "table",
    columns: readonly string[],
    contract: ReadonlyMap<string, DatasetContract>,
    env: QueryEnvironment,
): DatasetContract | undefined {
    const dataset = contract.get(name);
    if (!dataset) {
        env.report(node, `creates ${kind} "${name}", which is not in the data contract (contract/index.ts)`);
        return undefined;
    }
    const expectedKind = dataset.kind === "view" ? "view" : "table";
    if (expectedKind !== kind) env.report(node, `creates "${name}" as a ${kind} but the contract says ${dataset.kind}`);
    const expected = dataset.columns.map((c) => c.name);
    if (expected.join(",") !== columns.join(",")) {
        const missing = expected.filter((c) => !columns.includes(c));
        const extra = columns.filter((c) => !expected.includes(c));
        const detail = missing.length + extra.length === 0 ? "same columns in a different order" : `missing [${missing.join(", ")}], not in contract [${extra.join(", ")}]`;
        env.report(node, `columns of ${kind} "${name}" drift from the contract: ${detail}`);
    }
    return dataset;
}

function targetOf(table: ParseTreeNode, env: QueryEnvironment): KnownObject | undefined {
    const resolved = env.resolver.resolve(nameParts(table));
    if (typeof resolved === "string") {
        env.report(table, resolved);
        return undefined;
    }
    return resolved;
}

function checkDml(node: ParseTreeNode, env: QueryEnvironment): void {
    const dml = childWithRule(node, "dmlStatementNoWith");
    const kind = dml ? alternativeOf(dml) : "unknown";
    if (dml && kind === "MergeIntoTable") return checkMerge(dml, env);
    if (dml && kind === "InsertFromQuery") return checkInsert(dml, env);
    env.report(node, `DML form ${kind} is not supported by the checker (supported: INSERT ... SELECT, MERGE)`);
}

function checkInsert(dml: ParseTreeNode, env: QueryEnvironment): void {
    const into = childWithRule(dml, "insertInto");
    const table = into && childWithRule(into, "tableName");
    const query = childWithRule(dml, "query");
    if (!table || !query) return;
    const target = targetOf(table, env);
    const outputs = analyzeQuery(query, env);
    const listed = into ? findAll(into, ["columnName"]).map((c) => nameParts(c)[0]) : [];
    if (!target) return;
    for (const column of listed.filter((c) => !target.columns.includes(c))) {
        env.report(into ?? dml, `INSERT names column "${column}", which ${target.name} does not have`);
    }
    const expected = listed.length > 0 ? listed.length : target.columns.length;
    if (outputs.length !== expected) env.report(dml, `INSERT into ${target.name} supplies ${outputs.length} values for ${expected} columns`);
}

function checkMerge(merge: ParseTreeNode, env: QueryEnvironment): void {
    const children = childrenOf(merge);
    const tables = childrenWithRule(merge, "tableName");
    const aliases = childrenWithRule(merge, "tableAlias");
    const targetNode = tables[0];
    const target = targetNode ? targetOf(targetNode, env) : undefined;
    const targetAlias = aliasAfter(children, targetNode) ?? target?.name ?? "";
    const scope: Scope = { relations: [], selectAliases: new Set() };
    scope.relations.push({ alias: targetAlias, columns: target?.columns, describe: `MERGE target ${target?.name ?? "?"}` });

    const sourceQuery = childWithRule(merge, "query");
    const sourceTable = tables[1];
    if (sourceQuery) {
        const columns = analyzeQuery(sourceQuery, env);
        scope.relations.push({ alias: aliasAfter(children, sourceQuery) ?? "", columns, describe: "MERGE source" });
    } else if (sourceTable) {
        const source = targetOf(sourceTable, env);
        if (source) env.tables.add(source.name);
        scope.relations.push({ alias: aliasAfter(children, sourceTable) ?? nameParts(sourceTable).pop() ?? "", columns: source?.columns, describe: `MERGE source ${source?.name ?? "?"}` });
    }
    if (aliases.length === 0 && !sourceQuery && !sourceTable) env.report(merge, "MERGE without a source");

    for (const child of children) {
        const rule = ruleOf(child);
        if (rule === "booleanExpression") checkExpressions(child, scope, env);
        if (rule === "matchedClause" || rule === "notMatchedClause" || rule === "notMatchedBySourceClause") {
            checkMergeClause(child, scope, target, targetAlias, env);
        }
    }
}

function aliasAfter(children: ParseTreeNode[], node: ParseTreeNode | undefined): string | undefined {
    if (!node) return undefined;
    // The alias is the next rule node; a closing parenthesis may sit in between.
    const next = children.slice(children.indexOf(node) + 1).find((c) => ruleOf(c) !== undefined);
    if (!next || ruleOf(next) !== "tableAlias") return undefined;
    const identifier = childWithRule(next, "strictIdentifier");
    return identifier ? normalizeIdentifier(identifier.getText()) : undefined;
}

function checkMergeClause(clause: ParseTreeNode, scope: Scope, target: KnownObject | undefined, targetAlias: string, env: QueryEnvironment): void {
    const assignedColumns: ParseTreeNode[] = [];
    for (const assignment of findAll(clause, ["assignment"])) {
        const [column, ...values] = childrenOf(assignment).filter((c) => ruleOf(c) !== undefined);
        if (column) assignedColumns.push(column);
        for (const value of values) checkExpressions(value, scope, env);
    }
    for (const list of findAll(clause, ["multipartIdentifierList"])) assignedColumns.push(...childrenWithRule(list, "multipartIdentifier"));
    for (const column of assignedColumns) {
        const parts = nameParts(column);
        const name = parts.length > 1 && parts[0] === targetAlias ? parts[1] : parts[0];
        if (target && !target.columns.includes(name)) {
            env.report(column, `MERGE writes column "${name}", which ${target.name} does not have`);
        }
    }
    for (const child of childrenOf(clause)) {
        const rule = ruleOf(child);
        if (rule === "booleanExpression") checkExpressions(child, scope, env);
        if (rule === "notMatchedAction") {
            for (const expression of findAll(child, ["expression"])) checkExpressions(expression, scope, env);
        }
    }
}

export { SAMPLE_TEMPLATE_VALUES };
