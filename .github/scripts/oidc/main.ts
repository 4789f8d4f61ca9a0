/**
 * `tsx .github/scripts/oidc/main.ts`: exchanges the job's GitHub OIDC token for a Databricks token,
 * masks it in the log and writes it as the step output `token`.
 */
import * as fs from "node:fs";
import { exchangeGithubToken } from "./exchange";

exchangeGithubToken(process.env)
    .then((token) => {
        console.log(`::add-mask::${token}`);
        const output = process.env.GITHUB_OUTPUT;
        if (!output) throw new Error("databricks-token: GITHUB_OUTPUT is not set; run this inside a workflow step");
        fs.appendFileSync(output, `token=${token}\n`);
        console.log("Databricks token obtained through GitHub OIDC (masked)");
    })
    .catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exitCode = 1;
    });
