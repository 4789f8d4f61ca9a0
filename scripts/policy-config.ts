/**
 * Prints the policy pack config of a stack, for `pulumi preview|up --policy-pack policy --policy-pack-config <file>`:
 *   npm run --silent policy-config -- --stack prod > policy-config.json
 * The environment is read from the stack file exactly as the program reads it (project defaults applied,
 * validated), so a stack the program would refuse gets no config either.
 */
import * as path from "node:path";
import { parseStrictOptions } from "./lib/cli-args";
import { policyConfigFor } from "./lib/policy-config";
import { stackConfig } from "./lib/stack-file";

const usage = "usage: npm run --silent policy-config -- --stack <name>";

try {
    const values = parseStrictOptions(process.argv.slice(2), { stack: { type: "string" } }, (problem) => new Error(`${problem}\n${usage}`));
    const stack = values.stack;
    if (!stack) throw new Error(`--stack is required\n${usage}`);
    const root = path.resolve(__dirname, "..");
    const config = stackConfig(stack, root);
    process.stdout.write(`${JSON.stringify(policyConfigFor(config.environment), null, 2)}\n`);
} catch (error) {
    process.stderr.write(`policy-config failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
}
