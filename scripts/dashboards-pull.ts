/**
 * `npm run dashboards:pull -- --stack <name> [key ...]`: overwrites dashboards/<key>.lvdash.json with the
 * stack's deployed draft (all thirteen when no key is given). Auth: the Databricks unified auth settings
 * (DATABRICKS_HOST + token, or a profile), as for the Pulumi provider. Review with `git diff`, then run
 * `npm run validate` and `npm run render`.
 */
import { StackNames } from "../components/naming";
import { dashboardEntries, dashboardEntry } from "../dashboards";
import { createWorkspaceClient } from "./lib/databricks-client";
import { pullDashboards } from "./lib/dashboards-pull";
import { dashboardTarget, REPO_ROOT, stackConfig } from "./lib/dashboards-stacks";

const USAGE = "usage: npm run dashboards:pull -- --stack <name> [key ...]";

export function parsePullArgs(argv: readonly string[]): { stack: string; keys: string[] } {
    const keys: string[] = [];
    let stack: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--stack") {
            stack = argv[++i];
            if (stack === undefined || stack.startsWith("--")) throw new Error(`--stack needs a stack name; ${USAGE}`);
        } else if (argv[i].startsWith("--")) {
            throw new Error(`unknown option ${argv[i]}; ${USAGE}`);
        } else {
            keys.push(argv[i]);
        }
    }
    if (stack === undefined) throw new Error(`--stack is required; ${USAGE}`);
    return { stack, keys };
}

async function main(): Promise<void> {
    const { stack, keys } = parsePullArgs(process.argv.slice(2));
    const config = stackConfig(stack);
    const names = new StackNames(config.stack, config.namePrefix);
    const entries = keys.length === 0 ? dashboardEntries : keys.map(dashboardEntry);
    const result = await pullDashboards({
        client: createWorkspaceClient(),
        target: dashboardTarget(config),
        entries,
        displayNameFor: (title) => names.display(title),
        root: REPO_ROOT,
        log: (line) => console.log(line),
    });
    for (const warning of result.warnings) console.error(`warning: ${warning}`);
    console.log(`${result.written.length} template(s) written; review with git diff, then npm run validate && npm run render`);
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exitCode = 1;
    });
}
