import * as assert from "node:assert/strict";
import { AppDeployFailedError, deployApp } from "../../scripts/lib/app-deploy";
import { deployAppCli } from "../../scripts/lib/app-deploy-cli";
import { MalformedResponseError } from "../../scripts/lib/run-states";
import { Clock, systemClock } from "../../scripts/lib/transport";
import { fastWaitSettings } from "../support/wait-settings";
import { FakeDatabricks, RecordedRequest } from "../support/fake-databricks";

const appName = "payment-analysis-dev";
const appUrl = "https://payment-analysis-dev-1234567890.aws.databricksapps.com";
const sourceCodePath = "/Workspace/Users/deployer@example.com/.payment-analysis/dev/app";
const deploymentId = "01f0a1b2c3d4e5f6";
const appPath = `/api/2.0/apps/${appName}`;
const startPath = `${appPath}/start`;
const deploymentsPath = `${appPath}/deployments`;
const deploymentPath = `${deploymentsPath}/${deploymentId}`;

function app(computeState: string, options: { message?: string; url?: string | null } = {}): object {
    const url = options.url === undefined ? appUrl : options.url;
    return {
        name: appName,
        ...(url === null ? {} : { url }),
        compute_status: { state: computeState, ...(options.message ? { message: options.message } : {}) },
    };
}

function deployment(state: string, message?: string): object {
    return { deployment_id: deploymentId, mode: "SNAPSHOT", source_code_path: sourceCodePath, status: { state, ...(message ? { message } : {}) } };
}


/** Time passes only when the code under test sleeps, so minute-long deadlines run instantly. */
function virtualClock(): Clock & { sleeps: number[] } {
    let now = 0;
    const sleeps: number[] = [];
    return {
        now: () => now,
        sleep: async (ms) => {
            sleeps.push(ms);
            now += ms;
        },
        random: () => 0.5,
        sleeps,
    };
}

/** The state-change lines without their elapsed-time prefix. */
function stateLines(lines: readonly string[]): string[] {
    return lines.filter((l) => /^\[\d+m?s\]/.test(l)).map((l) => l.replace(/^\[[0-9ms]+\] /, ""));
}

function indexOf(requests: readonly RecordedRequest[], method: string, path: string): number {
    return requests.findIndex((r) => r.method === method && r.path === path);
}

describe("deploy-app against the fake Apps API", () => {
    let fake: FakeDatabricks;
    beforeEach(async () => {
        fake = await FakeDatabricks.start();
        fake.setDefault("POST", deploymentsPath, { body: deployment("IN_PROGRESS", "Preparing source code for new app deployment.") });
    });
    afterEach(async () => {
        await fake.stop();
    });

    it("deploys a SNAPSHOT when the compute is already ACTIVE, waits for SUCCEEDED and reports progress", async () => {
        fake.setDefault("GET", appPath, { body: app("ACTIVE") });
        fake.enqueue(
            "GET",
            deploymentPath,
            { body: deployment("IN_PROGRESS", "Preparing source code for new app deployment.") },
            { body: deployment("IN_PROGRESS", "Starting app with command: python app.py") },
            { body: deployment("SUCCEEDED", "App started successfully") },
        );
        const wait = fastWaitSettings();

        const outcome = await deployApp(fake.client(), { appName, sourceCodePath }, wait);

        assert.deepEqual(outcome, { url: appUrl, deploymentId });
        assert.deepEqual(fake.requestsTo("POST", deploymentsPath).map((r) => r.body), [{ source_code_path: sourceCodePath, mode: "SNAPSHOT" }]);
        assert.equal(fake.requestsTo("POST", startPath).length, 0, "an ACTIVE compute must not be started");
        assert.ok(wait.lines[0].includes(appUrl), wait.lines.join("\n"));
        assert.deepEqual(stateLines(wait.lines), [
            `app ${appName} compute: ACTIVE`,
            `app ${appName} deployment ${deploymentId}: IN_PROGRESS (Preparing source code for new app deployment.)`,
            `app ${appName} deployment ${deploymentId}: IN_PROGRESS (Starting app with command: python app.py)`,
            `app ${appName} deployment ${deploymentId}: SUCCEEDED (App started successfully)`,
            `app ${appName} deployment ${deploymentId} succeeded: ${appUrl}`,
        ]);
    });

    it("starts a STOPPED compute once, waits for ACTIVE, and only then deploys", async () => {
        fake.enqueue("GET", appPath, { body: app("STOPPED", { message: "App is stopped" }) }, { body: app("STARTING") }, { body: app("STARTING") });
        fake.setDefault("GET", appPath, { body: app("ACTIVE") });
        fake.setDefault("POST", startPath, { body: app("STARTING") });
        fake.enqueue("GET", deploymentPath, { body: deployment("SUCCEEDED") });
        const wait = fastWaitSettings();

        await deployApp(fake.client(), { appName, sourceCodePath }, wait);

        assert.equal(fake.requestsTo("POST", startPath).length, 1);
        const activeSeen = fake.requests.filter((r) => r.path === appPath).length;
        assert.equal(activeSeen, 4, "STOPPED, STARTING, STARTING, then ACTIVE");
        assert.ok(indexOf(fake.requests, "POST", deploymentsPath) > indexOf(fake.requests, "POST", startPath));
        const lastAppGet = fake.requests.map((r) => r.path).lastIndexOf(appPath);
        assert.ok(indexOf(fake.requests, "POST", deploymentsPath) > lastAppGet, "the deployment is created after the compute is ACTIVE");
        assert.deepEqual(stateLines(wait.lines).slice(0, 3), [
            `app ${appName} compute: STOPPED (App is stopped)`,
            `app ${appName} compute: STARTING`,
            `app ${appName} compute: ACTIVE`,
        ]);
    });

    it("waits for a STOPPING compute to stop before starting it", async () => {
        fake.enqueue("GET", appPath, { body: app("STOPPING") }, { body: app("STOPPED") }, { body: app("STARTING") });
        fake.setDefault("GET", appPath, { body: app("ACTIVE") });
        fake.setDefault("POST", startPath, { body: app("STARTING") });
        fake.enqueue("GET", deploymentPath, { body: deployment("SUCCEEDED") });

        await deployApp(fake.client(), { appName, sourceCodePath }, fastWaitSettings());

        const paths = fake.requests.map((r) => `${r.method} ${r.path}`);
        assert.deepEqual(paths.slice(0, 3), [`GET ${appPath}`, `GET ${appPath}`, `POST ${startPath}`]);
    });

    it("never starts twice: a compute that is STOPPED again after the start fails with its message", async () => {
        fake.enqueue("GET", appPath, { body: app("STOPPED") }, { body: app("STARTING") });
        fake.setDefault("GET", appPath, { body: app("STOPPED", { message: "App failed to start: out of capacity" }) });
        fake.setDefault("POST", startPath, { body: app("STARTING") });

        await assert.rejects(deployApp(fake.client(), { appName, sourceCodePath }, fastWaitSettings()), (error: unknown) => {
            assert.ok(error instanceof AppDeployFailedError);
            assert.match(error.message, /compute is STOPPED again after it was started: App failed to start: out of capacity/);
            assert.ok(error.message.includes(`App: ${appUrl}`), error.message);
            return true;
        });
        assert.equal(fake.requestsTo("POST", startPath).length, 1);
        assert.equal(fake.requestsTo("POST", deploymentsPath).length, 0);
    });

    it("fails on a compute in ERROR without deploying, naming the compute's message", async () => {
        fake.setDefault("GET", appPath, { body: app("ERROR", { message: "Container crashed" }) });
        await assert.rejects(deployApp(fake.client(), { appName, sourceCodePath }, fastWaitSettings()), /compute is in ERROR: Container crashed\nApp: https:/);
        assert.equal(fake.requestsTo("POST", startPath).length, 0);
        assert.equal(fake.requestsTo("POST", deploymentsPath).length, 0);
    });

    it("on a FAILED deployment names the deployment's status message and the app URL", async () => {
        fake.setDefault("GET", appPath, { body: app("ACTIVE") });
        fake.enqueue(
            "GET",
            deploymentPath,
            { body: deployment("IN_PROGRESS") },
            { body: deployment("FAILED", "Error installing packages: No matching distribution found for databricks-sdk==99") },
        );
        await assert.rejects(deployApp(fake.client(), { appName, sourceCodePath }, fastWaitSettings()), (error: unknown) => {
            assert.ok(error instanceof AppDeployFailedError);
            assert.equal(
                error.message,
                `app ${appName} deployment ${deploymentId} FAILED: Error installing packages: No matching distribution found for databricks-sdk==99\nApp: ${appUrl}`,
            );
            return true;
        });
    });

    it("on a CANCELLED deployment fails too", async () => {
        fake.setDefault("GET", appPath, { body: app("ACTIVE") });
        fake.enqueue("GET", deploymentPath, { body: deployment("CANCELLED", "Deployment was cancelled by a newer deployment") });
        await assert.rejects(deployApp(fake.client(), { appName, sourceCodePath }, fastWaitSettings()), /CANCELLED: Deployment was cancelled by a newer deployment\nApp: https:/);
    });

    it("rides out a 500 on the app and on the deployment poll (retried by the client)", async () => {
        const serverError = { status: 500, body: { error_code: "INTERNAL_ERROR", message: "try again" } };
        fake.enqueue("GET", appPath, serverError, { body: app("ACTIVE") });
        fake.enqueue("GET", deploymentPath, serverError, { body: deployment("SUCCEEDED") });

        const outcome = await deployApp(fake.client(), { appName, sourceCodePath }, fastWaitSettings());

        assert.equal(outcome.url, appUrl);
        assert.equal(fake.requestsTo("GET", appPath).length, 2);
        assert.equal(fake.requestsTo("GET", deploymentPath).length, 2);
    });

    it("gives up at its own deadline while the deployment is IN_PROGRESS, saying it could not cancel it", async () => {
        fake.setDefault("GET", appPath, { body: app("ACTIVE") });
        fake.setDefault("GET", deploymentPath, { body: deployment("IN_PROGRESS", "Installing packages") });
        const started = Date.now();
        await assert.rejects(
            deployApp(fake.client(), { appName, sourceCodePath }, fastWaitSettings({ timeoutMs: 40 })),
            /deployment 01f0a1b2c3d4e5f6 did not finish within 40ms \(still IN_PROGRESS \(Installing packages\)\);.*no API to cancel it\nApp: https:/,
        );
        assert.ok(Date.now() - started < 2_000, "the deadline must bound the wait");
    });

    it("gives up at its own deadline while the compute is STARTING", async () => {
        fake.enqueue("GET", appPath, { body: app("STOPPED") });
        fake.setDefault("GET", appPath, { body: app("STARTING") });
        fake.setDefault("POST", startPath, { body: app("STARTING") });
        await assert.rejects(deployApp(fake.client(), { appName, sourceCodePath }, fastWaitSettings({ timeoutMs: 40 })), /compute did not become ACTIVE within 40ms \(still STARTING\)/);
        assert.equal(fake.requestsTo("POST", deploymentsPath).length, 0);
    });

    it("reads the URL again after success when the app had none at first", async () => {
        fake.enqueue("GET", appPath, { body: app("ACTIVE", { url: null }) });
        fake.setDefault("GET", appPath, { body: app("ACTIVE") });
        fake.enqueue("GET", deploymentPath, { body: deployment("SUCCEEDED") });
        const outcome = await deployApp(fake.client(), { appName, sourceCodePath }, fastWaitSettings());
        assert.equal(outcome.url, appUrl);
    });

    it("fails when the app still reports no URL after a successful deployment", async () => {
        fake.setDefault("GET", appPath, { body: app("ACTIVE", { url: null }) });
        fake.enqueue("GET", deploymentPath, { body: deployment("SUCCEEDED") });
        await assert.rejects(deployApp(fake.client(), { appName, sourceCodePath }, fastWaitSettings()), /SUCCEEDED, but the workspace reports no URL for the app/);
    });

    describe("malformed responses name the call and the field", () => {
        it("an app without compute_status", async () => {
            fake.setDefault("GET", appPath, { body: { name: appName, url: appUrl } });
            await assert.rejects(deployApp(fake.client(), { appName, sourceCodePath }, fastWaitSettings()), (error: unknown) => {
                assert.ok(error instanceof MalformedResponseError);
                assert.match(error.message, new RegExp(`malformed response from apps/${appName}: compute_status: `));
                return true;
            });
        });

        it("a created deployment without deployment_id", async () => {
            fake.setDefault("GET", appPath, { body: app("ACTIVE") });
            fake.setDefault("POST", deploymentsPath, { body: { status: { state: "IN_PROGRESS" } } });
            await assert.rejects(deployApp(fake.client(), { appName, sourceCodePath }, fastWaitSettings()), /malformed response from apps\/payment-analysis-dev\/deployments \(create\): deployment_id: /);
        });

        it("a deployment in a state the deployer does not know", async () => {
            fake.setDefault("GET", appPath, { body: app("ACTIVE") });
            fake.enqueue("GET", deploymentPath, { body: deployment("PAUSED") });
            await assert.rejects(deployApp(fake.client(), { appName, sourceCodePath }, fastWaitSettings()), /unknown deployment status.state "PAUSED"; expected one of IN_PROGRESS, SUCCEEDED, FAILED, CANCELLED/);
        });

        it("a body that is not JSON", async () => {
            fake.setDefault("GET", appPath, { rawBody: "<html>gateway</html>" });
            await assert.rejects(deployApp(fake.client(), { appName, sourceCodePath }, fastWaitSettings()), /GET https:\/\/fake-workspace\.test\/api\/2\.0\/apps\/payment-analysis-dev: HTTP 200 with a body that is not JSON/);
        });
    });

    describe("the command line", () => {
        function io(): { stdout: string[]; stderr: string[]; stream: { stdout: (t: string) => void; stderr: (t: string) => void } } {
            const stdout: string[] = [];
            const stderr: string[] = [];
            return { stdout, stderr, stream: { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) } };
        }
        const poll = { initialDelayMs: 2, maxDelayMs: 10, multiplier: 2 };

        it("prints the app URL as the only stdout line and exits 0", async () => {
            fake.setDefault("GET", appPath, { body: app("ACTIVE") });
            fake.enqueue("GET", deploymentPath, { body: deployment("IN_PROGRESS") }, { body: deployment("SUCCEEDED") });
            const out = io();
            const profiles: (string | undefined)[] = [];
            const code = await deployAppCli([`--app=${appName}`, `--source-code-path=${sourceCodePath}`, "--profile=DEFAULT"], {
                createClient: (profile) => {
                    profiles.push(profile);
                    return fake.client();
                },
                io: out.stream,
                clock: systemClock,
                poll,
            });
            assert.equal(code, 0, out.stderr.join(""));
            assert.deepEqual(out.stdout, [`${appUrl}\n`]);
            assert.deepEqual(profiles, ["DEFAULT"]);
            assert.match(out.stderr.join(""), /deployment 01f0a1b2c3d4e5f6: SUCCEEDED/);
        });

        it("exits 1 with the status message and the URL on stderr, and nothing on stdout, when the deployment FAILED", async () => {
            fake.setDefault("GET", appPath, { body: app("ACTIVE") });
            fake.enqueue("GET", deploymentPath, { body: deployment("FAILED", "app.py exited with code 1") });
            const out = io();
            const code = await deployAppCli([`--app=${appName}`, `--source-code-path=${sourceCodePath}`], { createClient: () => fake.client(), io: out.stream, clock: systemClock, poll });
            assert.equal(code, 1);
            assert.deepEqual(out.stdout, []);
            assert.match(out.stderr.join(""), /deploy-app failed: app payment-analysis-dev deployment 01f0a1b2c3d4e5f6 FAILED: app\.py exited with code 1\nApp: https:\/\/payment-analysis-dev/);
        });

        it("applies --timeout-minutes as the deadline (the default is 20)", async () => {
            fake.setDefault("GET", appPath, { body: app("ACTIVE") });
            fake.setDefault("GET", deploymentPath, { body: deployment("IN_PROGRESS") });
            for (const [flags, budget] of [[["--timeout-minutes=1.5"], "1m30s"], [[], "20m00s"]] as const) {
                const clock = virtualClock();
                const out = io();
                const code = await deployAppCli([`--app=${appName}`, `--source-code-path=${sourceCodePath}`, ...flags], {
                    createClient: () => fake.client(),
                    io: out.stream,
                    clock,
                    poll: { initialDelayMs: 10_000, maxDelayMs: 60_000, multiplier: 2 },
                });
                assert.equal(code, 1);
                assert.match(out.stderr.join(""), new RegExp(`did not finish within ${budget} \\(still IN_PROGRESS\\)`));
                assert.equal(clock.now(), budget === "1m30s" ? 90_000 : 1_200_000, "the last sleep ends exactly at the deadline");
            }
        });

        it("exits 1 with the usage on a bad argument, before any request", async () => {
            const out = io();
            const code = await deployAppCli(["--app=Payment_Analysis", `--source-code-path=${sourceCodePath}`], { createClient: () => fake.client(), io: out.stream, clock: systemClock, poll });
            assert.equal(code, 1);
            assert.match(out.stderr.join(""), /--app must be an app name .* got "Payment_Analysis"\nusage: npm run --silent deploy-app/);
            assert.equal(fake.requests.length, 0);
        });
    });
});
