/**
 * The parts of API responses the runner relies on, validated with zod so a malformed answer fails with
 * the field that was wrong instead of a TypeError three calls later. Only what is read is declared.
 */
import { z } from "zod";
import { MalformedResponseError } from "./run-states";

const runState = z.object({
    life_cycle_state: z.string(),
    result_state: z.string().optional(),
    state_message: z.string().optional(),
});

export const runNowResponse = z.object({ run_id: z.number().int() });

export const jobRun = z.object({
    run_id: z.number().int(),
    run_page_url: z.string().optional(),
    state: runState,
    tasks: z
        .array(
            z.object({
                run_id: z.number().int(),
                task_key: z.string(),
                state: runState.optional(),
                notebook_task: z.unknown().optional(),
            }),
        )
        .optional(),
});
export type JobRun = z.infer<typeof jobRun>;

export const runOutput = z.object({
    error: z.string().optional(),
    notebook_output: z.object({ result: z.string().optional(), truncated: z.boolean().optional() }).optional(),
});

export const startUpdateResponse = z.object({ update_id: z.string().min(1) });

export const getUpdateResponse = z.object({
    update: z.object({ state: z.string() }),
});

export const pipelineEvent = z.object({
    message: z.string().optional(),
    origin: z.object({ update_id: z.string().optional() }).optional(),
    error: z
        .object({ exceptions: z.array(z.object({ class_name: z.string().optional(), message: z.string().optional() })).optional() })
        .optional(),
});

/** Validates `value`; on failure names the call and every bad field. */
export function parseResponse<T>(schema: z.ZodType<T>, value: unknown, call: string): T {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const problems = result.error.issues
        .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`)
        .join("; ");
    throw new MalformedResponseError(`malformed response from ${call}: ${problems}; got ${JSON.stringify(value)?.slice(0, 300)}`);
}
