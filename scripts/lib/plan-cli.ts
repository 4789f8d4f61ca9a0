import * as path from "node:path";

/** Where the committed plan of a stack lives, relative to the repository root. */
export function planPath(repoRoot: string, stack: string): string {
    return path.join(repoRoot, "plans", `${stack}.md`);
}

export interface PlanArgs {
    readonly stack: string;
    /** Compare with the committed plan instead of writing it; a difference is an error. */
    readonly check: boolean;
}

const USAGE = "usage: npm run plan -- --stack <name> [--check]   (name of a Pulumi.<name>.yaml stack, e.g. dev or prod)";
const STACK_NAME = /^[a-z][a-z0-9-]{0,39}$/;

export function parsePlanArgs(argv: readonly string[]): PlanArgs {
    let stack: string | undefined;
    let check = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--check") check = true;
        else if (arg === "--stack") stack = argv[++i];
        else if (arg.startsWith("--stack=")) stack = arg.slice("--stack=".length);
        else throw new Error(`plan: unknown argument "${arg}"\n${USAGE}`);
    }
    if (stack === undefined) throw new Error(`plan: --stack is required\n${USAGE}`);
    if (!STACK_NAME.test(stack)) {
        throw new Error(`plan: --stack "${stack}" is not a stack name (lower-case letters, digits and -, starting with a letter)\n${USAGE}`);
    }
    return { stack, check };
}

/** The message a stale golden plan fails with: says which command brings it up to date. */
export function stalePlanMessage(stack: string, file: string): string {
    return `${file} does not match the program: run \`npm run plan -- --stack ${stack}\` and commit the result`;
}
