/**
 * One run of a job or pipeline update during `pulumi up`, as a `command:local:Command` that calls the
 * job runner (scripts/run-job.ts through the `run-job` npm script). A failed run exits non-zero and so
 * fails the deployment.
 *
 * When it runs: `triggers` hold the command line and a hash of the step's own inputs, so a change to
 * either replaces the command, i.e. runs it again. Any other input change (a new host or profile in
 * `environment`) is an update, whose command only replays the previous stdout: new credentials must not
 * retrain the models.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { local } from "@pulumi/command";
import { RUN_TOKEN_ENV, STACK_ENV } from "./step-environment";

/**
 * What the scripts need to authenticate, all of it non-secret: the provider's host and profile (absent ones
 * fall back to unified auth), and the stack, whose secret `databricks:token` the scripts read themselves
 * (scripts/lib/stack-credentials.ts) so that no credential is ever a resource input or lands in state.
 */
export interface RunnerConnection {
    readonly host?: string;
    readonly profile?: string;
    readonly stack: string;
}

/** The npm script the runner is started through; the repo's package.json defines it. */
export const RUNNER_NPM_SCRIPT = "run-job";

/** Replays the stdout of the last real run (`addPreviousOutputInEnv`), so consumers keep reading it. */
export const REPLAY_PREVIOUS_STDOUT = `node -e "process.stdout.write(process.env.PULUMI_COMMAND_STDOUT || '')"`;

/** POSIX single-quoting, so parameter values never reach the shell as syntax. */
export function shellQuote(text: string): string {
    return /^[A-Za-z0-9_@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `npm run --silent <script> -- <args>`: one of this repo's scripts, run from the repo root after `npm ci`. */
export function npmScriptCommand(script: string, args: readonly string[]): string {
    // `--silent` keeps npm's banner out of stdout, whose last line is the script's result.
    return ["npm", "run", "--silent", script, "--", ...args].map(shellQuote).join(" ");
}

function runnerCommand(args: readonly string[]): string {
    return npmScriptCommand(RUNNER_NPM_SCRIPT, args);
}

export function jobRunCommand(jobId: string, parameters: Readonly<Record<string, string>>, timeoutMinutes: number, profile?: string): string {
    const params = Object.keys(parameters)
        .sort()
        .flatMap((key) => ["--param", `${key}=${parameters[key]}`]);
    return runnerCommand(["--job-id", jobId, ...params, "--timeout-minutes", String(timeoutMinutes), ...(profile ? ["--profile", profile] : [])]);
}

export function pipelineUpdateCommand(pipelineId: string, timeoutMinutes: number, profile?: string): string {
    return runnerCommand(["--pipeline-id", pipelineId, "--timeout-minutes", String(timeoutMinutes), ...(profile ? ["--profile", profile] : [])]);
}

/** The variable the scripts read the stack's name from (the name the tests use for it). */
export const RUNNER_STACK_ENV = STACK_ENV;

/** Variables the runner reads: the stack always; host and profile only when configured, so the user's own env still applies otherwise. */
export function runnerEnvironment(connection: RunnerConnection): Record<string, string> {
    return {
        ...(connection.host ? { DATABRICKS_HOST: connection.host } : {}),
        // Unified auth reads the profile from here too, so every script (not only the runner's --profile) uses it.
        ...(connection.profile ? { DATABRICKS_CONFIG_PROFILE: connection.profile } : {}),
        [RUNNER_STACK_ENV]: connection.stack,
    };
}

export { RUN_TOKEN_ENV };

/**
 * The job run's idempotency token: the step's name and the hash of its inputs. An `up` that repeats a step
 * with the same inputs (after a crash or a cancelled `up`) gets the run it already started.
 */
export function runToken(stepName: string, inputsHash: string): string {
    return createHash("sha256").update(`${stepName}\n${inputsHash}`).digest("hex").slice(0, 64);
}

export interface RunStepArgs {
    /** The runner command line (from jobRunCommand / pipelineUpdateCommand). */
    readonly command: pulumi.Input<string>;
    /** Hash of everything the run consumes: content hashes, spec hash, config values. */
    readonly inputsHash: pulumi.Input<string>;
    readonly connection: RunnerConnection;
}

export function runStep(name: string, args: RunStepArgs, opts: pulumi.CustomResourceOptions): local.Command {
    return new local.Command(
        name,
        {
            create: args.command,
            update: REPLAY_PREVIOUS_STDOUT,
            addPreviousOutputInEnv: true,
            environment: pulumi.output(args.inputsHash).apply((hash) => ({ ...runnerEnvironment(args.connection), [RUN_TOKEN_ENV]: runToken(name, hash) })),
            triggers: [args.command, args.inputsHash],
        },
        opts,
    );
}
