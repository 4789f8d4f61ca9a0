/** Small helpers over the dt-sql-parser Spark parse tree, named by grammar rule. */
import { sparkGrammar, type ParseTreeNode } from "./spark-grammar";

export function ruleOf(node: ParseTreeNode): string | undefined {
    return node.ruleIndex === undefined ? undefined : sparkGrammar().ruleNames[node.ruleIndex];
}

export function childrenOf(node: ParseTreeNode): ParseTreeNode[] {
    return node.children ?? [];
}

export function childrenWithRule(node: ParseTreeNode, rule: string): ParseTreeNode[] {
    return childrenOf(node).filter((child) => ruleOf(child) === rule);
}

export function childWithRule(node: ParseTreeNode, rule: string): ParseTreeNode | undefined {
    return childrenOf(node).find((child) => ruleOf(child) === rule);
}

/** Upper-cased texts of the node's direct terminal children (its keywords and punctuation). */
export function keywordsOf(node: ParseTreeNode): string[] {
    return childrenOf(node)
        .filter((child) => child.ruleIndex === undefined)
        .map((child) => child.getText().toUpperCase());
}

/**
 * Descendants with one of `rules`, without descending into a match or into any rule in `stopAt`
 * (used to keep a subquery's names out of its parent's scope).
 */
export function findAll(node: ParseTreeNode, rules: readonly string[], stopAt: readonly string[] = []): ParseTreeNode[] {
    const found: ParseTreeNode[] = [];
    const visit = (current: ParseTreeNode): void => {
        for (const child of childrenOf(current)) {
            const rule = ruleOf(child);
            if (rule !== undefined && rules.includes(rule)) found.push(child);
            else if (rule === undefined || !stopAt.includes(rule)) visit(child);
        }
    };
    visit(node);
    return found;
}

/** Labelled grammar alternative, e.g. "CreateView" for the statement `CREATE VIEW ...`. */
export function alternativeOf(node: ParseTreeNode): string {
    return (node as { constructor: { name: string } }).constructor.name.replace(/^_+/, "").replace(/\d+$/, "").replace(/Context$/, "");
}

/** An identifier as Spark compares it: backticks removed, lower case. */
export function normalizeIdentifier(text: string): string {
    const trimmed = text.trim();
    const unquoted = trimmed.startsWith("`") && trimmed.endsWith("`") ? trimmed.slice(1, -1).replace(/``/g, "`") : trimmed;
    return unquoted.toLowerCase();
}

/** The parts of a dotted name node (multipartIdentifier, tableIdentifier, qualifiedName, ...). */
export function nameParts(node: ParseTreeNode): string[] {
    const parts = findAll(node, ["errorCapturingIdentifier", "identifier"]);
    if (parts.length === 0) return [normalizeIdentifier(node.getText())];
    return parts.map((part) => normalizeIdentifier(part.getText()));
}

/** The original source text of a node (getText() drops whitespace). */
export function sourceText(node: ParseTreeNode, statement: string): string {
    if (!node.start || !node.stop) return node.getText();
    return statement.slice(node.start.start, node.stop.stop + 1);
}

/** 1-based line of the node within its statement. */
export function lineOf(node: ParseTreeNode): number {
    return node.start?.line ?? 1;
}
