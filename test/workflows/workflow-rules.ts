import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/**
 * Project rules actionlint cannot know: actions pinned to a current release, the CLI from the one
 * version file, pull-request code kept away from prod, and every script, npm script and policy pack
 * a workflow names actually existing.
 */
export type Workflow = { on?: unknown; env?: Record<string, string>; jobs: Record<string, Job> };
export type Job = { steps?: Step[]; uses?: string; [key: string]: unknown };
export type Step = { uses?: string; run?: string; with?: Record<string, unknown> };

export function loadWorkflow(file: string): Workflow {
    return parse(fs.readFileSync(file, "utf8")) as Workflow;
}

function allSteps(workflow: Workflow): Step[] {
    return Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
}

/** `owner/repo@ref` refs that are not a version tag (v4, v4.1.0) or a commit SHA. */
export function unpinnedActions(workflow: Workflow): string[] {
    return allSteps(workflow)
        .map((step) => step.uses)
        .filter((uses): uses is string => uses !== undefined && !uses.startsWith("./"))
        .filter((uses) => !/@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/.test(uses));
}

/** The file every workflow installs the Pulumi CLI from; it names the release of the SDK in package.json. */
export const PULUMI_VERSION_FILE = ".pulumi-version";

/** pulumi/actions steps that install a CLI release from anywhere but the one version file. */
export function cliVersionOutsideVersionFile(workflow: Workflow): string[] {
    const problems: string[] = [];
    if (workflow.env && "PULUMI_VERSION" in workflow.env) problems.push("env PULUMI_VERSION: the CLI release belongs in .pulumi-version only");
    for (const step of allSteps(workflow)) {
        if (!step.uses?.startsWith("pulumi/actions@")) continue;
        if (step.with?.["pulumi-version"] !== undefined) problems.push(`${step.uses}: pulumi-version ${String(step.with["pulumi-version"])} instead of pulumi-version-file`);
        else if (step.with?.["pulumi-version-file"] !== PULUMI_VERSION_FILE) problems.push(`${step.uses}: pulumi-version-file is ${String(step.with?.["pulumi-version-file"])}, not ${PULUMI_VERSION_FILE}`);
    }
    return problems;
}

/**
 * The oldest major of each action the workflows may use: the first whose release runs on Node 24 (GitHub
 * retired the Node 20 runtime for actions in 2026). Raising a floor is a deliberate edit here.
 */
export const CURRENT_ACTION_MAJORS: Readonly<Record<string, number>> = {
    "actions/checkout": 7,
    "actions/setup-node": 7,
    "actions/setup-python": 6,
    "actions/setup-java": 5,
    "actions/upload-artifact": 7,
    "pulumi/actions": 7,
};

/** Actions pinned to a major older than CURRENT_ACTION_MAJORS allows, or not listed there at all. */
export function outdatedActions(workflow: Workflow): string[] {
    const found: string[] = [];
    for (const step of allSteps(workflow)) {
        const match = /^([\w.-]+\/[\w.-]+)@v(\d+)/.exec(step.uses ?? "");
        if (!match) continue;
        const floor = CURRENT_ACTION_MAJORS[match[1]];
        if (floor === undefined) found.push(`${step.uses}: not in CURRENT_ACTION_MAJORS`);
        else if (Number(match[2]) < floor) found.push(`${step.uses}: older than v${floor}`);
    }
    return found;
}

/** Files, npm scripts and policy packs a workflow refers to that the repository lacks. */
export function missingReferences(workflow: Workflow, repoRoot: string, npmScripts: readonly string[]): string[] {
    const missing: string[] = [];
    for (const step of allSteps(workflow)) {
        for (const match of (step.run ?? "").matchAll(/npx tsx (\S+)/g)) {
            if (!fs.existsSync(path.join(repoRoot, match[1]))) missing.push(`script ${match[1]}`);
        }
        for (const match of (step.run ?? "").matchAll(/npm run (?:--?[\w-]+ )*([\w:-]+)/g)) {
            if (!npmScripts.includes(match[1])) missing.push(`npm script ${match[1]}`);
        }
        const packs = step.with?.policyPacks;
        if (typeof packs === "string") {
            for (const pack of packs.split(/[\n,]/).map((p) => p.trim()).filter(Boolean)) {
                if (!fs.existsSync(path.join(repoRoot, pack, "PulumiPolicy.yaml"))) missing.push(`policy pack ${pack}`);
            }
        }
    }
    for (const job of Object.values(workflow.jobs)) {
        if (job.uses?.startsWith("./") && !fs.existsSync(path.join(repoRoot, job.uses))) missing.push(`reusable workflow ${job.uses}`);
    }
    return missing;
}

/**
 * Steps that run the policy pack without the stack's environment: the pack then cannot tell prod from dev
 * (and fails closed). Each such step must name a `policyPackConfigs` file that an earlier step of the same
 * job writes with `npm run --silent policy-config`.
 */
export function policyStepsWithoutEnvironment(workflow: Workflow): string[] {
    const problems: string[] = [];
    for (const [jobName, job] of Object.entries(workflow.jobs)) {
        const written = new Set<string>();
        for (const step of job.steps ?? []) {
            for (const match of (step.run ?? "").matchAll(/npm run --silent policy-config -- --stack .+? > (\S+)/g)) written.add(match[1]);
            if (step.with?.policyPacks === undefined) continue;
            const configs = step.with.policyPackConfigs;
            if (typeof configs !== "string") {
                problems.push(`${jobName}: a policy-pack step has no policyPackConfigs`);
            } else if (!written.has(configs.trim())) {
                problems.push(`${jobName}: policyPackConfigs ${configs.trim()} is not written by an earlier policy-config step`);
            }
        }
    }
    return problems;
}

const PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"];

function triggeredByPullRequests(workflow: Workflow): boolean {
    const on = workflow.on;
    if (typeof on === "string") return PULL_REQUEST_EVENTS.includes(on);
    if (Array.isArray(on)) return on.some((event) => PULL_REQUEST_EVENTS.includes(String(event)));
    return on !== null && typeof on === "object" && PULL_REQUEST_EVENTS.some((event) => event in on);
}

/**
 * Jobs of a pull-request workflow that could get a prod environment's secrets (the prod principal, or
 * state credentials and the passphrase that read and decrypt prod state): an `environment` naming prod,
 * directly or through a matrix value, or one computed by an expression nobody can check here.
 */
export function prodEnvironmentsInPullRequests(workflow: Workflow): string[] {
    if (!triggeredByPullRequests(workflow)) return [];
    const problems: string[] = [];
    for (const [name, job] of Object.entries(workflow.jobs)) {
        const raw = job["environment"];
        const environment = raw !== null && typeof raw === "object" ? (raw as { name?: unknown }).name : raw;
        if (environment === undefined) continue;
        const text = String(environment);
        const include = ((job["strategy"] as { matrix?: { include?: Record<string, unknown>[] } } | undefined)?.matrix?.include ?? []).map((entry) => String(entry["environment"] ?? ""));
        const candidates = /\$\{\{\s*matrix\.environment\s*\}\}/.test(text) ? include : [text];
        if (text.includes("${{") && !/^\$\{\{\s*matrix\.environment\s*\}\}$/.test(text)) problems.push(`${name}: environment ${text} is computed; a pull-request job must name its environment`);
        for (const candidate of candidates) if (/^prod/i.test(candidate)) problems.push(`${name}: environment ${candidate} in a pull-request workflow`);
    }
    return problems;
}
