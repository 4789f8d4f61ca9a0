/**
 * `npm run plan -- --stack <name> [--check]`: evaluates `index.ts` under Pulumi mocks (no credentials,
 * no workspace) and writes what `pulumi up` would register to `plans/<name>.md`, so a pull request
 * shows its effect on every resource as a readable diff.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluateProgram, REPO_ROOT } from "../test/support/program";
import { renderPlan } from "./lib/plan";
import { parsePlanArgs, planPath, stalePlanMessage } from "./lib/plan-cli";
import { mermaidBlock, withGraph } from "./lib/readme-graph";

/** The plan of one stack as the committed file should read. */
export async function generatePlan(stack: string): Promise<string> {
    const { resources } = await evaluateProgram({ stack });
    return renderPlan(resources, stack, { repoRoot: REPO_ROOT });
}

async function main(): Promise<void> {
    const args = parsePlanArgs(process.argv.slice(2));
    const file = planPath(REPO_ROOT, args.stack);
    const plan = await generatePlan(args.stack);
    const relative = path.relative(REPO_ROOT, file);
    if (args.check) {
        const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
        if (committed !== plan) throw new Error(stalePlanMessage(args.stack, relative));
        console.log(`${relative} is up to date`);
        return;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, plan);
    console.log(`wrote ${relative}`);
    if (args.stack === "dev") {
        const readme = path.join(REPO_ROOT, "README.md");
        fs.writeFileSync(readme, withGraph(fs.readFileSync(readme, "utf8"), mermaidBlock(plan)));
        console.log("updated the dependency graph in README.md");
    }
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exitCode = 1;
    });
}
