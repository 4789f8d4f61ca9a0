/**
 * Credentials for the scripts `pulumi up` runs, found without ever passing through a resource's inputs.
 *
 * A command step's `environment` is stored in state and seen by policies, so the program puts only
 * non-secret settings there: DATABRICKS_HOST, DATABRICKS_CONFIG_PROFILE and the stack's name
 * (STACK_ENV). A script then authenticates as the provider does: when the stack keeps `databricks:token`
 * (set with `--secret`), it reads it with `pulumi config get`, which decrypts with the same backend and
 * passphrase settings `pulumi up` runs with; otherwise unified auth applies (environment, profile).
 */
import { spawnSync } from "node:child_process";
import { STACK_ENV } from "../../components/data/step-environment";

/** Set by the program on every command step; names the stack whose config holds the token, if any. */
export { STACK_ENV };

export interface ConfigReader {
    /** Runs `pulumi <args>` and returns its exit code and output. */
    (args: readonly string[]): { status: number | null; stdout: string; stderr: string; error?: Error };
}

export const pulumiCli: ConfigReader = (args) => {
    const result = spawnSync(process.env["PULUMI_CLI"] ?? "pulumi", [...args], { encoding: "utf8", timeout: 60_000 });
    return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "", ...(result.error ? { error: result.error } : {}) };
};

/**
 * The stack's `databricks:token`, or undefined when the stack has none (or no stack is named). Any other
 * failure of the CLI is an error naming the command and what it said: a wrong passphrase must not silently
 * fall back to another identity.
 */
export function tokenFromStack(env: NodeJS.ProcessEnv, readConfig: ConfigReader = pulumiCli): string | undefined {
    const stack = env[STACK_ENV];
    if (!stack) return undefined;
    const args = ["config", "get", "databricks:token", "--stack", stack];
    const result = readConfig(args);
    if (result.error) throw new Error(`reading the stack's databricks:token: \`pulumi ${args.join(" ")}\` could not start: ${result.error.message}`);
    if (result.status === 0) {
        const token = result.stdout.trim();
        return token === "" ? undefined : token;
    }
    // The CLI's wording for a key the stack does not set.
    if (/configuration key '.*' not found/.test(result.stderr)) return undefined;
    throw new Error(`reading the stack's databricks:token: \`pulumi ${args.join(" ")}\` exited ${String(result.status)}: ${result.stderr.trim() || "(no message)"}`);
}
