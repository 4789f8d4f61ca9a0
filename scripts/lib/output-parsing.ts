/**
 * Notebook exit values: which one the runner prints, and how the deployment reads the training run's.
 * The runner prints one exit value as the last line of stdout; everything that would make that line
 * ambiguous (several candidates, a truncated or multi-line value) is an error here, not a surprise
 * in the consumer.
 */
import { z } from "zod";

export interface TaskExitValue {
    readonly taskKey: string;
    /** `notebook_output.result`; undefined when the notebook did not call dbutils.notebook.exit. */
    readonly result: string | undefined;
    readonly truncated: boolean;
}

export function selectExitValue(outputs: readonly TaskExitValue[], taskKey?: string): string | undefined {
    const keys = outputs.map((o) => o.taskKey).join(", ") || "(none)";
    let chosen: TaskExitValue | undefined;
    if (taskKey !== undefined) {
        chosen = outputs.find((o) => o.taskKey === taskKey);
        if (!chosen) throw new Error(`--task-key "${taskKey}" is not a notebook task of this run; its notebook tasks are: ${keys}`);
        if (chosen.result === undefined) {
            throw new Error(`task "${taskKey}" returned no exit value (the notebook never called dbutils.notebook.exit)`);
        }
    } else {
        const withResult = outputs.filter((o) => o.result !== undefined);
        if (withResult.length > 1) {
            throw new Error(
                `several tasks returned exit values (${withResult.map((o) => o.taskKey).join(", ")}); pass --task-key to choose one`,
            );
        }
        chosen = withResult[0];
    }
    if (chosen === undefined || chosen.result === undefined) return undefined;
    if (chosen.truncated) {
        throw new Error(`the exit value of task "${chosen.taskKey}" was truncated by Databricks; return a smaller value`);
    }
    if (/[\r\n]/.test(chosen.result)) {
        throw new Error(
            `the exit value of task "${chosen.taskKey}" spans several lines, but consumers read only the last line of stdout; ` +
                "exit with single-line JSON (json.dumps without indent)",
        );
    }
    return chosen.result;
}

/** `<catalog>.<schema>.<model>` with simple identifiers, as the training notebook registers them. */
const threePartName = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const versionMessage = 'versions must be positive integers as strings, e.g. "3"';

const modelVersions = z
    .record(
        z.string().regex(threePartName, "model names must be <catalog>.<schema>.<model>"),
        z
            .string({ error: versionMessage })
            .regex(/^[1-9][0-9]*$/, versionMessage),
    )
    .refine((value) => Object.keys(value).length > 0, "expected at least one model");

/**
 * Reads the training run's exit value `{"<catalog>.<schema>.<model>": "<version>"}` from the runner's
 * stdout (its last non-empty line), for the TrainingRun component.
 */
export function parseModelVersions(stdout: string): Record<string, string> {
    const lines = stdout.split(/\r?\n/).filter((line) => line.trim().length > 0);
    const last = lines[lines.length - 1];
    if (last === undefined) throw new Error("the training run printed no exit value (stdout is empty)");
    let json: unknown;
    try {
        json = JSON.parse(last);
    } catch {
        throw new Error(`the training run's exit value is not JSON: ${last.slice(0, 200)}`);
    }
    const parsed = modelVersions.safeParse(json);
    if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
        throw new Error(`the training run's exit value is not {"<catalog>.<schema>.<model>": "<version>"}: ${problems}`);
    }
    return parsed.data;
}
