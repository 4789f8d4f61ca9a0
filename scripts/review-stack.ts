/**
 * Prints the stack file of a pull request's review stack:
 *   npm run --silent review-stack -- --pr 17 [--shared-project <lakebase project id>] > Pulumi.pr-17.yaml
 */
import { parseStrictOptions } from "./lib/cli-args";
import { reviewStackFile } from "./lib/review-stack";

const usage = "usage: npm run --silent review-stack -- --pr <number> [--shared-project <lakebase project id>]";

try {
    const values = parseStrictOptions(process.argv.slice(2), { pr: { type: "string" }, "shared-project": { type: "string" } }, (problem) => new Error(`${problem}\n${usage}`));
    if (!values.pr || !/^[1-9][0-9]*$/.test(values.pr)) throw new Error(`--pr must be a pull request number, got ${JSON.stringify(values.pr ?? "")}\n${usage}`);
    process.stdout.write(reviewStackFile(Number(values.pr), values["shared-project"] || undefined));
} catch (error) {
    process.stderr.write(`review-stack failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
}
