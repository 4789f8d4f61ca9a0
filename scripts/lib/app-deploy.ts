/**
 * Deploy the uploaded app code to a Databricks App and wait for it: bring the app's compute to ACTIVE
 * (starting it at most once), create a SNAPSHOT deployment, and poll it to SUCCEEDED. Progress goes to
 * `log` (stderr in the CLI); the app URL is returned on success, and every failure names the app URL.
 * Retries of single HTTP calls live in the client (transport.ts); this module owns the waits and the
 * one deadline that bounds them all.
 */
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { appResponse, AppResponse, createdDeployment, deploymentResponse } from "./app-deploy-responses";
import { judgeDeployment, nextComputeStep } from "./app-deploy-states";
import { parseResponse } from "./responses";
import { pollDelayMs } from "./retry";
import { formatElapsed, WaitSettings } from "./runner";

export interface DeployAppRequest {
    readonly appName: string;
    /** Workspace folder holding the app (app.yaml, package.json and its sources). */
    readonly sourceCodePath: string;
}

export interface DeployAppOutcome {
    readonly url: string;
    readonly deploymentId: string;
}

/** The app could not be brought up or deployed, or not within the deadline. */
export class AppDeployFailedError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "AppDeployFailedError";
    }
}

export async function deployApp(ws: WorkspaceClient, request: DeployAppRequest, settings: WaitSettings): Promise<DeployAppOutcome> {
    const { appName } = request;
    const deadline = new Deadline(settings);
    const label = `app ${appName}`;
    let app = await getApp(ws, appName);
    const urlNote = () => `App: ${app.url ?? "(the workspace reports no URL for this app yet)"}`;
    settings.log(`${label}: ${app.url ?? "(no URL yet)"}`);

    let startRequested = false;
    let lastComputeState: string | undefined;
    for (let poll = 1; ; poll++) {
        const { state, message } = app.compute_status;
        if (state !== lastComputeState) {
            settings.log(`[${deadline.elapsedText()}] ${label} compute: ${state}${message ? ` (${message})` : ""}`);
            lastComputeState = state;
        }
        const step = nextComputeStep(state, message, startRequested);
        if (step.kind === "ready") break;
        if (step.kind === "failed") throw new AppDeployFailedError(`${label}: ${step.reason}\n${urlNote()}`);
        if (step.kind === "start") {
            settings.log(`${label}: starting its compute`);
            await ws.apps.start({ name: appName });
            startRequested = true;
            // Observe the effect of the start before the deadline can judge it, so a timeout names the
            // state the start led to rather than the STOPPED that preceded it.
            app = await getApp(ws, appName);
            continue;
        }
        await deadline.sleepOrFail(poll, () => `${label} compute did not become ACTIVE within ${deadline.budgetText()} (still ${state})\n${urlNote()}`);
        app = await getApp(ws, appName);
    }

    const created = parseResponse(
        createdDeployment,
        await ws.apps.deploy({ app_name: appName, app_deployment: { source_code_path: request.sourceCodePath, mode: "SNAPSHOT" } }),
        `apps/${appName}/deployments (create)`,
    );
    const deploymentId = created.deployment_id;
    const deploymentLabel = `${label} deployment ${deploymentId}`;
    settings.log(`${deploymentLabel}: deploying a snapshot of ${request.sourceCodePath}`);

    let lastProgress: string | undefined;
    for (let poll = 1; ; poll++) {
        const deployment = parseResponse(
            deploymentResponse,
            await ws.apps.getDeployment({ app_name: appName, deployment_id: deploymentId }),
            `apps/${appName}/deployments/${deploymentId}`,
        );
        const { state, message } = deployment.status;
        const progress = `${state}${message ? ` (${message})` : ""}`;
        if (progress !== lastProgress) {
            settings.log(`[${deadline.elapsedText()}] ${deploymentLabel}: ${progress}`);
            lastProgress = progress;
        }
        const verdict = judgeDeployment(state, message);
        if (verdict.kind === "failed") throw new AppDeployFailedError(`${deploymentLabel} ${verdict.reason}\n${urlNote()}`);
        if (verdict.kind === "succeeded") break;
        await deadline.sleepOrFail(
            poll,
            () =>
                `${deploymentLabel} did not finish within ${deadline.budgetText()} (still ${progress}); ` +
                `it may still complete in the workspace, which offers no API to cancel it\n${urlNote()}`,
        );
    }

    if (app.url === undefined) app = await getApp(ws, appName);
    if (app.url === undefined) {
        throw new AppDeployFailedError(`${deploymentLabel} SUCCEEDED, but the workspace reports no URL for the app`);
    }
    settings.log(`[${deadline.elapsedText()}] ${deploymentLabel} succeeded: ${app.url}`);
    return { url: app.url, deploymentId };
}

async function getApp(ws: WorkspaceClient, appName: string): Promise<AppResponse> {
    return parseResponse(appResponse, await ws.apps.get({ name: appName }), `apps/${appName}`);
}

/** One budget for the whole command: waiting for compute and for the deployment share it. */
class Deadline {
    private readonly startedAt: number;

    constructor(private readonly settings: WaitSettings) {
        this.startedAt = settings.clock.now();
    }

    elapsedText(): string {
        return formatElapsed(this.settings.clock.now() - this.startedAt);
    }

    budgetText(): string {
        return formatElapsed(this.settings.timeoutMs);
    }

    /** Sleeps until the next poll, never past the deadline; throws `describe()` once the deadline has passed. */
    async sleepOrFail(poll: number, describe: () => string): Promise<void> {
        const remaining = this.settings.timeoutMs - (this.settings.clock.now() - this.startedAt);
        if (remaining <= 0) throw new AppDeployFailedError(describe());
        await this.settings.clock.sleep(Math.min(pollDelayMs(poll, this.settings.poll), remaining));
    }
}
