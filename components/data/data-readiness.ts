import { local } from "@pulumi/command";
import { z } from "zod";
import { npmScriptCommand, RunnerConnection, runnerEnvironment } from "./run-step";
import { TRAINING_MIN_ROWS } from "./training-threshold";

/** The silver table the training notebook reads. */
export const TRAINING_SOURCE_TABLE = "payments_enriched_silver";

/** What waits for data on a stack without the simulated bootstrap, in the words the stack output uses. */
export const DATA_DEPENDENT_WORK = ["training run", "model serving endpoints", "data-quality monitors", "app deployment"] as const;

export interface DataReadinessQuestion {
    readonly connection: RunnerConnection;
    readonly warehouseName: string;
    /** Three-part name of the table training reads. */
    readonly table: string;
}

const ANSWER = z.object({ ready: z.boolean(), rows: z.number().int().nonnegative().optional(), reason: z.string().min(1) }).strict();

export type DataReadiness = z.infer<typeof ANSWER>;

/** The answer when the deployment fills the schema itself (the dev bootstrap), so nothing needs asking. */
export const FILLED_BY_BOOTSTRAP: DataReadiness = { ready: true, reason: "the simulated bootstrap fills the schema during this deployment" };

/**
 * Asks the workspace, on every preview and `up`, whether there is data to train on: at least TRAINING_MIN_ROWS
 * rows, the threshold the training job also passes its notebook (`npm run data-readiness`,
 * through the command provider's `run` invoke, so the answer is a plain value the program can branch on
 * before declaring resources). A failure to find out fails the deployment with the script's message.
 */
export async function askDataReadiness(question: DataReadinessQuestion): Promise<DataReadiness> {
    const args = ["--warehouse-name", question.warehouseName, "--table", question.table, "--min-rows", String(TRAINING_MIN_ROWS)];
    const result = await local.run({
        command: npmScriptCommand("data-readiness", [...args, ...(question.connection.profile ? ["--profile", question.connection.profile] : [])]),
        environment: runnerEnvironment(question.connection),
    });
    const lastLine = result.stdout.trim().split("\n").pop() ?? "";
    let parsed: unknown;
    try {
        parsed = JSON.parse(lastLine);
    } catch {
        throw new Error(`data-readiness printed ${JSON.stringify(lastLine)}, not the JSON answer {"ready":…,"reason":…}; stderr: ${result.stderr.trim()}`);
    }
    const answer = ANSWER.safeParse(parsed);
    if (!answer.success) throw new Error(`data-readiness answered ${lastLine}, which is not {"ready":boolean,"rows"?:number,"reason":string}: ${answer.error.message}`);
    return answer.data;
}
