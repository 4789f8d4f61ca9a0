/**
 * Walks the parse tree of a query: which objects it reads, which columns it returns, and whether each
 * column reference resolves in its scope (FROM relations, CTEs, select aliases, outer queries).
 * Constructs the checker does not understand are reported, never skipped, so nothing passes unseen.
 */
import type { ParseTreeNode } from "./spark-grammar";
import { resolveColumn, type ObjectResolver, type Relation, type Scope } from "./sql-scope";
import { childWithRule, childrenOf, childrenWithRule, findAll, nameParts, normalizeIdentifier, ruleOf, sourceText } from "./sql-tree";

export interface QueryEnvironment {
    readonly resolver: ObjectResolver;
    readonly ctes: ReadonlyMap<string, readonly string[]>;
    /** Contract/file objects read, by name. */
    readonly tables: Set<string>;
    /** The statement text the tree was parsed from. */
    readonly statement: string;
    report(node: ParseTreeNode, message: string): void;
}

/** Words that parse as a table or column alias in Spark's lenient grammar but signal an unfinished clause. */
const SUSPICIOUS_ALIASES = new Set(["where", "group", "order", "having", "limit", "join", "on", "select", "from", "union", "window"]);

/** Output column names of a `query` node. */
export function analyzeQuery(query: ParseTreeNode, env: QueryEnvironment, outer?: Scope): string[] {
    const ctes = new Map(env.ctes);
    const ctesNode = childWithRule(query, "ctes");
    for (const named of ctesNode ? childrenWithRule(ctesNode, "namedQuery") : []) {
        const nameNode = childWithRule(named, "errorCapturingIdentifier");
        const body = childWithRule(named, "query");
        if (!nameNode || !body) continue;
        const columns = analyzeQuery(body, { ...env, ctes }, outer);
        const renamed = childWithRule(named, "identifierList");
        ctes.set(normalizeIdentifier(nameNode.getText()), renamed ? nameParts(renamed) : columns);
    }
    const inner: QueryEnvironment = { ...env, ctes };
    const term = childWithRule(query, "queryTerm");
    if (!term) {
        env.report(query, "query without a body");
        return [];
    }
    const { columns, scope } = analyzeTerm(term, inner, outer);
    const organization = childWithRule(query, "queryOrganization");
    if (organization) {
        // ORDER BY sees the output columns, and for a single SELECT also its FROM relations.
        const orderScope: Scope = scope ?? {
            relations: [{ alias: "", columns, describe: "the query's output" }],
            selectAliases: new Set(columns),
            parent: outer,
        };
        checkExpressions(organization, orderScope, inner);
    }
    return columns;
}

function analyzeTerm(term: ParseTreeNode, env: QueryEnvironment, outer?: Scope): { columns: string[]; scope?: Scope } {
    const primary = childWithRule(term, "queryPrimary");
    if (primary) return analyzePrimary(primary, env, outer);
    const operands = childrenWithRule(term, "queryTerm").map((operand) => analyzeTerm(operand, env, outer).columns);
    const [first, ...others] = operands;
    for (const other of others) {
        if (other.length !== first.length) {
            env.report(term, `set operation combines ${first.length} columns with ${other.length} columns`);
        }
    }
    return { columns: first ?? [] };
}

function analyzePrimary(primary: ParseTreeNode, env: QueryEnvironment, outer?: Scope): { columns: string[]; scope?: Scope } {
    const specification = childWithRule(primary, "querySpecification");
    if (specification) return analyzeSpecification(specification, env, outer);
    const nested = childWithRule(primary, "query");
    if (nested) return { columns: analyzeQuery(nested, env, outer) };
    const table = childWithRule(primary, "tableName");
    if (table && childrenOf(primary).some((c) => c.getText().toUpperCase() === "TABLE")) {
        return { columns: [...(relationForTable(table, undefined, env).columns ?? [])] };
    }
    env.report(primary, `query form not supported by the checker: ${sourceText(primary, env.statement).slice(0, 60)}`);
    return { columns: [] };
}

function analyzeSpecification(spec: ParseTreeNode, env: QueryEnvironment, outer?: Scope): { columns: string[]; scope: Scope } {
    const scope: Scope = { relations: [], selectAliases: new Set(), parent: outer };
    const from = childWithRule(spec, "fromClause");
    if (from) {
        for (const child of childrenOf(from)) {
            const rule = ruleOf(child);
            if (rule === "relation") addRelation(child, scope, env);
            else if (rule !== undefined) env.report(child, `${rule} is not supported by the checker`);
        }
        for (const criteria of findAll(from, ["joinCriteria"], ["query"])) checkExpressions(criteria, scope, env);
    }
    for (const unsupported of ["lateralView", "transformClause"]) {
        for (const node of childrenWithRule(spec, unsupported)) env.report(node, `${unsupported} is not supported by the checker`);
    }
    const select = childWithRule(spec, "selectClause");
    const columns = select ? selectOutputs(select, scope, env) : [];
    for (const child of childrenOf(spec)) {
        if (ruleOf(child) !== "fromClause") checkExpressions(child, scope, env);
    }
    return { columns, scope };
}

function addRelation(relation: ParseTreeNode, scope: Scope, env: QueryEnvironment): void {
    for (const child of childrenOf(relation)) {
        const rule = ruleOf(child);
        if (rule === "tableName" || rule === "identifierReference") scope.relations.push(relationForTable(child, undefined, env));
        else if (rule === "relationPrimary") addRelationPrimary(child, scope, env);
        else if (rule === "joinRelation") {
            const right = childWithRule(child, "relationPrimary");
            if (right) addRelationPrimary(right, scope, env);
        } else if (rule !== undefined) env.report(child, `${rule} is not supported by the checker`);
    }
}

function addRelationPrimary(primary: ParseTreeNode, scope: Scope, env: QueryEnvironment): void {
    const aliasNode = childWithRule(primary, "tableAlias");
    const table = childWithRule(primary, "tableName") ?? childWithRule(primary, "identifierReference");
    if (table) {
        scope.relations.push(relationForTable(table, aliasNode, env));
        return;
    }
    // A subquery sits one level down (atomSubQueryTableSource) in some grammar alternatives.
    const [subquery] = findAll(primary, ["query"], ["tableAlias", "relation"]);
    if (subquery) {
        const columns = analyzeQuery(subquery, env, scope.parent);
        const { alias, renamed } = readAlias(aliasNode, env);
        scope.relations.push({ alias, columns: renamed ?? columns, describe: `subquery ${alias || "(unaliased)"}` });
        return;
    }
    const nested = childWithRule(primary, "relation");
    if (nested) {
        addRelation(nested, scope, env);
        return;
    }
    env.report(primary, `FROM item not supported by the checker: ${sourceText(primary, env.statement).slice(0, 60)}`);
    scope.relations.push({ alias: "", columns: undefined, describe: "an unsupported FROM item" });
}

function relationForTable(table: ParseTreeNode, aliasNode: ParseTreeNode | undefined, env: QueryEnvironment): Relation {
    const parts = nameParts(table);
    const { alias, renamed } = readAlias(aliasNode, env);
    const name = parts[parts.length - 1];
    const cte = parts.length === 1 ? env.ctes.get(name) : undefined;
    if (cte) return { alias: alias || name, columns: renamed ?? cte, describe: `CTE ${name}` };
    const resolved = env.resolver.resolve(parts);
    if (typeof resolved === "string") {
        env.report(table, resolved);
        return { alias: alias || name, columns: undefined, describe: `unknown table ${name}` };
    }
    env.tables.add(resolved.name);
    return { alias: alias || name, columns: renamed ?? resolved.columns, describe: `table ${resolved.name}` };
}

function readAlias(aliasNode: ParseTreeNode | undefined, env: QueryEnvironment): { alias: string; renamed?: string[] } {
    if (!aliasNode) return { alias: "" };
    const identifier = childWithRule(aliasNode, "strictIdentifier");
    const alias = identifier ? normalizeIdentifier(identifier.getText()) : "";
    if (SUSPICIOUS_ALIASES.has(alias)) {
        env.report(aliasNode, `"${alias}" is parsed as a table alias: is the ${alias.toUpperCase()} clause unfinished?`);
    }
    const list = childWithRule(aliasNode, "identifierList");
    return list ? { alias, renamed: nameParts(list) } : { alias };
}

/** Output names of a SELECT list, `*` expanded through the relations in scope. */
function selectOutputs(select: ParseTreeNode, scope: Scope, env: QueryEnvironment): string[] {
    const outputs: string[] = [];
    for (const named of findAll(select, ["namedExpression"], ["query"])) {
        const star = childWithRule(named, "tableAllColumns");
        if (star) {
            outputs.push(...expandStar(star, scope, env));
            continue;
        }
        const alias = childWithRule(named, "errorCapturingIdentifier");
        const aliasList = childWithRule(named, "identifierList");
        if (alias) {
            const name = normalizeIdentifier(alias.getText());
            // Only explicit aliases may be referenced by name (lateral aliases, GROUP BY, HAVING, ORDER BY);
            // counting implicit names would let a misspelt column vouch for itself.
            scope.selectAliases.add(name);
            if (SUSPICIOUS_ALIASES.has(name)) env.report(alias, `"${name}" is parsed as a column alias: is the ${name.toUpperCase()} clause unfinished?`);
            outputs.push(name);
        } else if (aliasList) {
            for (const name of nameParts(aliasList)) scope.selectAliases.add(name);
            outputs.push(...nameParts(aliasList));
        } else {
            outputs.push(implicitName(named, env));
        }
    }
    return outputs;
}

function expandStar(star: ParseTreeNode, scope: Scope, env: QueryEnvironment): string[] {
    const qualifier = childrenWithRule(star, "qualifiedName").flatMap((q) => nameParts(q));
    const relations = qualifier.length > 0 ? scope.relations.filter((r) => r.alias === qualifier[qualifier.length - 1]) : scope.relations;
    if (qualifier.length > 0 && relations.length === 0) {
        env.report(star, `"${qualifier.join(".")}.*" names no relation in the FROM clause`);
        return [];
    }
    if (relations.some((r) => r.columns === undefined)) {
        env.report(star, `cannot expand "${sourceText(star, env.statement)}": the columns of a relation are unknown`);
        return [];
    }
    return relations.flatMap((r) => r.columns ?? []);
}

/** Spark names an unaliased column reference after its last part; any other expression after its text. */
function implicitName(named: ParseTreeNode, env: QueryEnvironment): string {
    const literal = childWithRule(named, "selectLiteralColumnName");
    const expression = literal ?? childWithRule(named, "selectExpressionColumnName");
    if (!expression) return sourceText(named, env.statement);
    const paths = findAll(expression, ["columnName", "columnNamePath"]);
    if (paths.length === 1 && paths[0].getText() === expression.getText()) {
        const parts = nameParts(paths[0]);
        return parts[parts.length - 1];
    }
    return sourceText(expression, env.statement);
}

/** Resolves every column reference under `node`; subqueries are analysed with `scope` as their outer scope. */
export function checkExpressions(node: ParseTreeNode, scope: Scope, env: QueryEnvironment): void {
    const rule = ruleOf(node);
    if (rule === "columnName" || rule === "columnNamePath") {
        const problem = resolveColumn(nameParts(node), scope);
        if (problem) env.report(node, problem);
        return;
    }
    if (rule === "query") {
        analyzeQuery(node, env, scope);
        return;
    }
    if (rule === "functionName" || rule === "tableAllColumns" || rule === "dataType") return;
    for (const child of childrenOf(node)) checkExpressions(child, scope, env);
}
