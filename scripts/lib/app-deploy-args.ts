/** Command line of `npm run deploy-app`: which app, which uploaded code, how long to wait. Pure, so every misuse is testable. */
import { parseStrictOptions, parseTimeoutMinutes } from "./cli-args";

export const deployAppUsage = [
    "usage: npm run --silent deploy-app -- --app <name> --source-code-path <workspace path> [--timeout-minutes <M>] [--profile <name>]",
    "Starts the app's compute if it is stopped, deploys a SNAPSHOT of --source-code-path and waits for the deployment.",
    "Auth: DATABRICKS_HOST + DATABRICKS_TOKEN, or a ~/.databrickscfg profile (--profile / DATABRICKS_CONFIG_PROFILE).",
    "On success the app URL is the only line on stdout; progress goes to stderr.",
].join("\n");

export interface DeployAppArgs {
    readonly appName: string;
    readonly sourceCodePath: string;
    readonly timeoutMinutes: number;
    readonly profile?: string;
}

export const defaultDeployTimeoutMinutes = 20;

export class DeployAppUsageError extends Error {
    constructor(problem: string) {
        super(`deploy-app: ${problem}\n${deployAppUsage}`);
        this.name = "DeployAppUsageError";
    }
}

/** The Apps API rule for names; the name also becomes a URL path segment, so nothing else may pass. */
const appNamePattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const maxAppNameLength = 30;

export function parseDeployAppArgs(argv: readonly string[]): DeployAppArgs {
    const values = parseStrictOptions(
        argv,
        {
            "app": { type: "string" },
            "source-code-path": { type: "string" },
            "timeout-minutes": { type: "string" },
            "profile": { type: "string" },
        },
        (problem) => new DeployAppUsageError(problem),
    );
    const appName = values.app;
    if (appName === undefined) throw new DeployAppUsageError("--app is required");
    if (!appNamePattern.test(appName) || appName.length > maxAppNameLength) {
        throw new DeployAppUsageError(
            `--app must be an app name (lowercase letters, digits and inner hyphens, at most ${maxAppNameLength} characters), got "${appName}"`,
        );
    }
    const sourceCodePath = values["source-code-path"];
    if (sourceCodePath === undefined) throw new DeployAppUsageError("--source-code-path is required");
    if (!sourceCodePath.startsWith("/") || sourceCodePath.length < 2) {
        throw new DeployAppUsageError(`--source-code-path must be an absolute workspace path such as /Workspace/Users/me/app, got "${sourceCodePath}"`);
    }
    const timeoutMinutes = parseTimeoutMinutes(values["timeout-minutes"], defaultDeployTimeoutMinutes, (problem) => new DeployAppUsageError(problem));
    const profile = values.profile;
    return { appName, sourceCodePath, timeoutMinutes, ...(profile ? { profile } : {}) };
}
