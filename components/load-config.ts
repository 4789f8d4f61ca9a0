/**
 * The one place that reads Pulumi config. It validates everything before the program registers a
 * resource, and keeps credentials out of plaintext config.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseConfig, projectKeys, StackConfig, ConfigError } from "./config";

/** Settings of the `databricks:` namespace that are credentials and must be stored with `--secret`. */
export const DATABRICKS_SECRET_KEYS = ["token", "clientSecret", "password", "azureClientSecret", "googleCredentials"] as const;

export interface DatabricksConnection {
    /** `databricks:host`; when absent the provider falls back to DATABRICKS_HOST or a ~/.databrickscfg profile. */
    readonly host?: string;
    readonly profile?: string;
    /** `databricks:token` as a secret Output; when absent the provider uses its other auth methods. */
    readonly token?: pulumi.Output<string>;
}

export interface LoadedConfig {
    readonly stack: StackConfig;
    readonly databricks: DatabricksConnection;
}

function isSecretConfigKey(key: string): boolean {
    const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(k: string): boolean };
    return runtimeConfig.isConfigSecret(key);
}

/** Reads and validates the whole stack config; throws a ConfigError naming every bad key. */
export function loadConfig(): LoadedConfig {
    const all = pulumi.runtime.allConfig();
    const plaintextCredentials = DATABRICKS_SECRET_KEYS.filter((key) => all[`databricks:${key}`] !== undefined && !isSecretConfigKey(`databricks:${key}`)).map(
        (key) => `databricks:${key}: is stored in plaintext; set it with \`pulumi config set --secret databricks:${key} ...\` or use the DATABRICKS_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()} environment variable`,
    );
    let stack: StackConfig | undefined;
    let problems: string[] = [...plaintextCredentials];
    try {
        stack = parseConfig(projectKeys(all), pulumi.getStack());
    } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        problems = [...error.problems, ...problems];
    }
    if (problems.length > 0 || stack === undefined) throw new ConfigError(problems);

    const databricksConfig = new pulumi.Config("databricks");
    return {
        stack,
        databricks: {
            host: databricksConfig.get("host"),
            profile: databricksConfig.get("profile"),
            token: all["databricks:token"] !== undefined ? databricksConfig.requireSecret("token") : undefined,
        },
    };
}
