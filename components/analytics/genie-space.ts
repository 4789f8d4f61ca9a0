/**
 * The stack's Genie space, owned by the deployment: a deploy-time run of the genie_sync job (the same runner
 * and exit-value protocol as the training run, see components/data/run-step.ts) whose exit value names the
 * space, so the app can bind it; destroying the stack deletes the space.
 *
 * Why a Command of its own rather than `runStep`: `runStep` re-runs by replacement, and a replacement here
 * would create-or-update the same-titled space and then run the old command's delete on that very space.
 * So a change of the notebook or the job spec is an update that re-runs the sync in place (the notebook
 * updates the space with the same title, keeping its id); only a new title replaces the command, deleting
 * the old space before the new one is created. A sync that failed after creating the space (a timeout) leaves
 * no state, and the next `up` adopts that space: the notebook finds it by title.
 */
import * as pulumi from "@pulumi/pulumi";
import { local } from "@pulumi/command";
import { hashOfInputs } from "../data/input-hash";
import type { AssetPaths } from "../data/job-spec";
import { runnerTimeoutMinutes } from "../data/job-spec";
import type { Jobs } from "../data/jobs";
import { jobRunCommand, npmScriptCommand, RUN_TOKEN_ENV, RunnerConnection, runnerEnvironment, runToken } from "../data/run-step";
import { parseGenieSyncExit } from "./genie-space-exit";

/** The npm script that deletes the space a sync reported (scripts/delete-genie-space.ts). */
export const DELETE_SPACE_NPM_SCRIPT = "genie-space:delete";

/** What waits for data with the space, in the words of the stack output `pendingWork`. */
export const GENIE_SPACE_WORK = "Genie space";

export interface GenieSpaceArgs {
    readonly jobs: Jobs;
    readonly assets: AssetPaths;
    readonly connection: RunnerConnection;
    /** The title the genie_sync job gives the space (its `space_title` parameter); the app's binding shows it. */
    readonly title: string;
    /** The step after which the gold views the space covers exist. */
    readonly goldViews: pulumi.Resource;
}

export class GenieSpace extends pulumi.ComponentResource {
    readonly spaceId: pulumi.Output<string>;
    readonly title: string;
    readonly sync: local.Command;

    constructor(name: string, args: GenieSpaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:analytics:GenieSpace", name, {}, opts);
        const job = args.jobs.job("genie_sync");
        const definition = job.definition;
        if (definition.kind !== "notebook") throw new Error(`GenieSpace: genie_sync must be a notebook job, found a ${definition.kind} job`);
        const { connection } = args;

        const syncName = `${name}-sync`;
        // The job spec carries catalog, schema, warehouse and title as the notebook's parameters.
        const inputsHash = hashOfInputs({ notebook: args.assets.notebook(definition.notebook).contentHash, spec: job.runSpecHash });
        const runSync = job.id.apply((id) => jobRunCommand(id, {}, runnerTimeoutMinutes(definition), connection.profile));
        this.sync = new local.Command(
            syncName,
            {
                create: runSync,
                update: runSync,
                delete: npmScriptCommand(DELETE_SPACE_NPM_SCRIPT, connection.profile ? ["--profile", connection.profile] : []),
                // The delete script reads the space id from the last sync's stdout.
                addPreviousOutputInEnv: true,
                // The run token changes with the inputs' hash, so new inputs are an update; the same inputs again
                // (after a cancelled `up`) get the run already started.
                environment: inputsHash.apply((hash) => ({ ...runnerEnvironment(connection), [RUN_TOKEN_ENV]: runToken(syncName, hash) })),
                triggers: [args.title],
            },
            { parent: this, dependsOn: [args.goldViews], deleteBeforeReplace: true },
        );
        this.title = args.title;
        // Stdout is secret whenever an input is; the space id is no secret, and the app binding needs it in the clear.
        this.spaceId = pulumi.unsecret(
            this.sync.stdout.apply((stdout): pulumi.Output<string> =>
                // No stdout at all means the engine holds no result yet (an evaluation without a run): unknown, not malformed.
                stdout === undefined ? (pulumi.output(pulumi.unknown) as pulumi.Output<string>) : pulumi.output(parseGenieSyncExit(stdout).spaceId),
            ),
        );
        this.registerOutputs({ spaceId: this.spaceId });
    }
}
