import * as pulumi from "@pulumi/pulumi";
import type { local } from "@pulumi/command";
import { hashOfInputs } from "./input-hash";
import type { AssetPaths } from "./job-spec";
import { runnerTimeoutMinutes } from "./job-spec";
import type { JobDefinition, NotebookJobDefinition } from "./job-catalog";
import type { Jobs } from "./jobs";
import { parseModelVersions } from "./model-versions";
import { jobRunCommand, RunnerConnection, runStep } from "./run-step";
import { TRAINING_MIN_ROWS, TRAINING_MIN_ROWS_WIDGET } from "./training-threshold";

export interface TrainingRunArgs {
    readonly jobs: Jobs;
    readonly assets: AssetPaths;
    readonly connection: RunnerConnection;
    /** Full Unity Catalog names the run must report a version for. */
    readonly expectedModels: pulumi.Input<string[]>;
    /** Steps that must finish first (the data bootstrap), when there are any. */
    readonly after?: readonly pulumi.Resource[];
}

/**
 * The training run starts only after the readiness check found TRAINING_MIN_ROWS rows, so the job must hand
 * its notebook that same threshold: with any other, a run the deployment starts could refuse data the check
 * accepted. Throws naming the widget, what the job passes and what it must pass.
 */
export function checkTrainingThreshold(definition: JobDefinition): asserts definition is NotebookJobDefinition {
    if (definition.kind !== "notebook") throw new Error(`TrainingRun: ${definition.key} must be a notebook job, found a ${definition.kind} job`);
    const passed = definition.fixedParameters?.[TRAINING_MIN_ROWS_WIDGET];
    if (passed !== String(TRAINING_MIN_ROWS)) {
        throw new Error(
            `TrainingRun: job ${definition.key} passes ${TRAINING_MIN_ROWS_WIDGET}=${passed === undefined ? "(nothing)" : JSON.stringify(passed)}, ` +
                `but the readiness check waits for ${TRAINING_MIN_ROWS} rows; pass String(TRAINING_MIN_ROWS) (components/data/training-threshold.ts)`,
        );
    }
}

/**
 * Runs the training job once per change of its notebook or job spec and exposes the model versions it
 * registered. Endpoints consume `modelVersions`, so none is created before training has finished, and a
 * retrain moves every endpoint to the new versions.
 */
export class TrainingRun extends pulumi.ComponentResource {
    /** Full model name -> version registered by the latest run. */
    readonly modelVersions: pulumi.Output<Record<string, string>>;
    readonly command: local.Command;

    constructor(name: string, args: TrainingRunArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:data:TrainingRun", name, {}, opts);
        const job = args.jobs.job("train_models");
        const definition = job.definition;
        checkTrainingThreshold(definition);
        this.command = runStep(
            `${name}-train`,
            {
                // No overrides: the run takes the job's own parameters, the row threshold among them; the spec hash
                // covers them, so a new threshold trains again.
                command: job.id.apply((id) => jobRunCommand(id, {}, runnerTimeoutMinutes(definition), args.connection.profile)),
                inputsHash: hashOfInputs({ notebook: args.assets.notebook(definition.notebook).contentHash, spec: job.runSpecHash }),
                connection: args.connection,
            },
            { parent: this, dependsOn: [...(args.after ?? [])] },
        );
        // Stdout is secret whenever any input of the command is; the parsed result is only model names and
        // validated version numbers, so it is published in the clear for endpoints and verify.
        this.modelVersions = pulumi.unsecret(pulumi.all([this.command.stdout, args.expectedModels]).apply(([stdout, expected]): pulumi.Output<Record<string, string>> =>
            // A finished command always reports stdout (possibly ""); none at all means the engine holds no
            // result yet (an evaluation without a run), so the versions are unknown rather than missing.
            stdout === undefined ? (pulumi.output(pulumi.unknown) as pulumi.Output<Record<string, string>>) : pulumi.output(parseModelVersions(stdout, expected)),
        ));
        this.registerOutputs({ modelVersions: this.modelVersions });
    }
}
