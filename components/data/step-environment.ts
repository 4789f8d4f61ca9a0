/**
 * The environment variables a command step of `pulumi up` hands its script: set by the program
 * (components/data/run-step.ts), read by the scripts (scripts/lib/stack-credentials.ts, run-job-cli.ts).
 * Plain constants in a module without dependencies, so the scripts load nothing of the Pulumi SDK for them.
 */

/** The stack whose config may hold `databricks:token`. */
export const STACK_ENV = "PAYMENT_ANALYSIS_STACK";

/** The job run's idempotency token, derived from the step's identity and inputs. */
export const RUN_TOKEN_ENV = "PAYMENT_ANALYSIS_RUN_TOKEN";
