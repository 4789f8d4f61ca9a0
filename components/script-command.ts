/**
 * Runs one of this repo's TypeScript scripts (job runner, app deployer) as a `@pulumi/command` step, with
 * the same Databricks credentials the provider uses. The step re-runs only when its triggers change.
 */
import * as pulumi from "@pulumi/pulumi";
import * as command from "@pulumi/command";
import { DatabricksConnection } from "./load-config";

/** Quotes one argument for the POSIX shell that `local.Command` runs. */
export function shellQuote(arg: string): string {
    return /^[A-Za-z0-9_./:=@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * `npx ts-node --transpile-only scripts/<script>.ts <args>`. Pulumi runs commands in the project directory
 * (this repo's root, where `npm ci` installed ts-node), so no machine path enters the resource's inputs.
 */
export function scriptCommandLine(script: string, args: pulumi.Input<readonly pulumi.Input<string>[]>): pulumi.Output<string> {
    return pulumi.output(args).apply((resolved) => ["npx", "--no-install", "ts-node", "--transpile-only", `scripts/${script}.ts`, ...resolved].map(shellQuote).join(" "));
}

/**
 * Environment for the script: host and token only when the stack configures them; otherwise the script's
 * unified auth finds the user's own DATABRICKS_* variables or profile, as the provider does.
 */
export function databricksEnvironment(connection: DatabricksConnection): pulumi.Output<Record<string, string>> {
    return pulumi.all([connection.token]).apply(([token]) => {
        const env: Record<string, string> = {};
        if (connection.host) env["DATABRICKS_HOST"] = connection.host;
        if (connection.profile) env["DATABRICKS_CONFIG_PROFILE"] = connection.profile;
        if (token) env["DATABRICKS_TOKEN"] = token;
        return env;
    });
}

export interface ScriptStepArgs {
    readonly script: string;
    readonly args: pulumi.Input<readonly pulumi.Input<string>[]>;
    readonly connection: DatabricksConnection;
    /** What the step's outcome depends on: content hashes and spec hashes, never timestamps. */
    readonly triggers: readonly pulumi.Input<string>[];
}

export function scriptStep(name: string, args: ScriptStepArgs, opts: pulumi.CustomResourceOptions): command.local.Command {
    const environment = databricksEnvironment(args.connection);
    return new command.local.Command(
        name,
        {
            create: scriptCommandLine(args.script, args.args),
            environment: args.connection.token ? pulumi.secret(environment) : environment,
            triggers: [...args.triggers],
            // Progress goes to stderr; stdout carries only the result line, which is what callers parse.
            logging: "stdoutAndStderr",
        },
        opts,
    );
}
