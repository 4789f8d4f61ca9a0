/**
 * Every workspace-global name comes from here. Names carry the stack, so dev, prod and any extra
 * stack (a pull-request stack, say) coexist in one workspace. Each kind of object has its own length
 * and character rules; a stack name that does not fit them is folded into the allowed alphabet and,
 * whenever folding or shortening changed it, suffixed with a short hash of the original so that two
 * different stacks never land on the same name.
 */
import { createHash } from "crypto";

export interface NameRule {
    /** Inclusive maximum length of the whole name. */
    readonly maxLength: number;
    /** Characters allowed, as a character-class body (e.g. `a-z0-9-`). */
    readonly alphabet: string;
    readonly separator: string;
    readonly lowerCase: boolean;
    /** The first character must be a letter. */
    readonly startsWithLetter: boolean;
    /** Inclusive minimum length, when the kind's rule has one above 2. */
    readonly minLength?: number;
}

/** Limits as the Databricks API documents them for each kind. */
export const NAME_RULES = {
    /** Model serving endpoint names: letters, digits, - and _; at most 63 characters. */
    servingEndpoint: { maxLength: 63, alphabet: "a-z0-9_-", separator: "-", lowerCase: true, startsWithLetter: true },
    /** Databricks Apps: lower-case letters, digits and hyphens, 2 to 30 characters. */
    app: { maxLength: 30, alphabet: "a-z0-9-", separator: "-", lowerCase: true, startsWithLetter: true },
    /**
     * Lakebase Autoscaling project and branch ids: 1 to 63 characters, a lower-case letter first, then
     * lower-case letters, digits and hyphens (https://docs.databricks.com/api/postgres/v1/create-project.md,
     * create-branch.md).
     */
    postgresId: { maxLength: 63, alphabet: "a-z0-9-", separator: "-", lowerCase: true, startsWithLetter: true },
    /** Lakebase Postgres role ids: 4 to 63 lower-case letters, digits and hyphens (RFC 1123; create-role.md). */
    postgresRole: { maxLength: 63, minLength: 4, alphabet: "a-z0-9-", separator: "-", lowerCase: true, startsWithLetter: true },
    /** Budget policy names: unique among active policies, latin1; we keep them short and plain. */
    budgetPolicy: { maxLength: 127, alphabet: "a-z0-9_-", separator: "-", lowerCase: true, startsWithLetter: true },
    /** Unity Catalog objects (catalogs, schemas): lower-case identifiers; we keep them well under 255. */
    unityCatalog: { maxLength: 63, alphabet: "a-z0-9_", separator: "_", lowerCase: true, startsWithLetter: true },
    /** Vector Search endpoints: letters, digits, - and _. */
    vectorSearchEndpoint: { maxLength: 49, alphabet: "a-z0-9_-", separator: "-", lowerCase: true, startsWithLetter: true },
    /** Secret scopes: letters, digits, -, _, @ and periods, at most 128 characters; we keep to lower case. */
    secretScope: { maxLength: 128, alphabet: "a-z0-9_.-", separator: "-", lowerCase: true, startsWithLetter: true },
} as const satisfies Record<string, NameRule>;

export type NameKind = keyof typeof NAME_RULES;

/** Display names (jobs, pipelines, dashboards, warehouses): the SQL warehouse API rejects 100 characters or more. */
export const DISPLAY_NAME_MAX = 99;

const HASH_LENGTH = 6;

/** A short hash of `text` in the rule's alphabet: hex where digits are allowed, else hex spelt a-p. */
function shortHash(text: string, rule: NameRule): string {
    const hex = createHash("sha256").update(text).digest("hex").slice(0, HASH_LENGTH);
    return rule.alphabet.includes("0-9") ? hex : hex.replace(/[0-9a-f]/g, (c) => String.fromCharCode(97 + parseInt(c, 16)));
}

function fold(text: string, rule: NameRule): string {
    const cased = rule.lowerCase ? text.toLowerCase() : text;
    const disallowed = new RegExp(`[^${rule.alphabet}]+`, "g");
    const sep = rule.separator.replace(/[-]/g, "\\-");
    return cased
        .replace(disallowed, rule.separator)
        .replace(new RegExp(`${sep}{2,}`, "g"), rule.separator)
        .replace(new RegExp(`^${sep}|${sep}$`, "g"), "");
}

/**
 * `<base><sep><stack>` within the rule. `base` is ours and already valid; the stack part is folded,
 * and shortened (with a hash of the original stack name) when the whole would not fit.
 */
export function physicalName(kind: NameKind, base: string, stack: string): string {
    const rule: NameRule = NAME_RULES[kind];
    const foldedBase = fold(base, rule);
    if (foldedBase !== base || !/^[a-z]/.test(base)) {
        throw new Error(`naming: base name "${base}" is not valid for ${kind}: start with a letter, then use ${rule.alphabet}`);
    }
    let stackPart = fold(stack, rule);
    let needsHash = stackPart !== stack || stackPart.length === 0;
    const budget = rule.maxLength - foldedBase.length - rule.separator.length;
    if (stackPart.length > budget) needsHash = true;
    if (needsHash) {
        const room = budget - HASH_LENGTH - rule.separator.length;
        if (room < 0) throw new Error(`naming: base name "${base}" leaves no room for a stack suffix in a ${kind} name`);
        const head = stackPart.slice(0, room).replace(new RegExp(`[${rule.separator.replace("-", "\\-")}]+$`), "");
        stackPart = head.length > 0 ? `${head}${rule.separator}${shortHash(stack, rule)}` : shortHash(stack, rule);
    }
    return `${foldedBase}${rule.separator}${stackPart}`;
}

/** Checks a name against its kind's rule; used by tests and as a guard before registering. */
export function isValidName(kind: NameKind, name: string): boolean {
    const rule: NameRule = NAME_RULES[kind];
    const first = rule.startsWithLetter ? (rule.lowerCase ? "[a-z]" : "[a-zA-Z]") : `[${rule.alphabet}]`;
    const pattern = new RegExp(`^${first}[${rule.alphabet}]*$`);
    return name.length >= (rule.minLength ?? 2) && name.length <= rule.maxLength && pattern.test(name);
}

/**
 * The names of one stack. Components receive this object (or functions from it), never the stack name,
 * so the naming rules live in one place.
 */
export class StackNames {
    constructor(
        readonly stack: string,
        private readonly prefix: string,
    ) {}

    /** `[dev] Payment Analysis Warehouse`: the stack marker once, never twice. */
    display(title: string): string {
        const name = `${this.prefix}${title}`;
        if (name.length <= DISPLAY_NAME_MAX) return name;
        return `${name.slice(0, DISPLAY_NAME_MAX - HASH_LENGTH - 1)}~${shortHash(name, NAME_RULES.servingEndpoint)}`;
    }

    servingEndpoint(base: string): string {
        return physicalName("servingEndpoint", base, this.stack);
    }

    app(base: string): string {
        return physicalName("app", base, this.stack);
    }

    /** A Lakebase Autoscaling project of the stack's own, or the stack's branch in a shared project. */
    postgresId(base: string): string {
        return physicalName("postgresId", base, this.stack);
    }

    budgetPolicy(base: string): string {
        return physicalName("budgetPolicy", base, this.stack);
    }

    unityCatalog(base: string): string {
        return physicalName("unityCatalog", base, this.stack);
    }

    vectorSearchEndpoint(base: string): string {
        return physicalName("vectorSearchEndpoint", base, this.stack);
    }

    secretScope(base: string): string {
        return physicalName("secretScope", base, this.stack);
    }

    /** A workspace folder unique to the stack under `root` (an absolute /Workspace path). */
    workspaceFolder(root: string): string {
        return `${root.replace(/\/+$/, "")}/${fold(this.stack, { maxLength: 255, alphabet: "A-Za-z0-9._-", separator: "-", lowerCase: false, startsWithLetter: false })}`;
    }
}
