/**
 * Evaluates the real program (`index.ts`) under Pulumi's mocks for a named stack, with that stack's
 * config file, and returns every resource it registered: type, name, parent, inputs, dependencies and
 * options. Tests, the offline plan and the benchmark all use this one harness.
 *
 * The mock monitor's register request carries parent, dependency URNs and options that the public
 * `Mocks` interface does not expose, so the harness wraps the monitor's `registerResource`.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { readStackFile, withProjectDefaults } from "../../scripts/lib/stack-file";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const PROJECT_NAME = "payment-analysis";

export interface RegisteredResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** Parent URN; absent for top-level resources. */
    readonly parent?: string;
    /** Inputs as registered, secrets shown as "[secret]" and unknowns as "[unknown]". */
    readonly inputs: Record<string, unknown>;
    /** URNs this resource depends on (explicit dependsOn and data flow through Outputs). */
    readonly dependencies: string[];
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly ignoreChanges: string[];
    readonly provider?: string;
    /** False for component resources. */
    readonly custom: boolean;
}

export interface EvaluationOptions {
    readonly stack: string;
    /** Evaluate as `pulumi preview` does: new resources' ids and computed outputs are unknown. */
    readonly preview?: boolean;
    /** Replaces or adds config keys (`payment-analysis:foo` or `databricks:host`); `undefined` removes one. */
    readonly configOverrides?: Readonly<Record<string, string | undefined>>;
    /** Replaces the stack file entirely (for stacks that have no file, e.g. a pull-request stack). */
    readonly config?: Readonly<Record<string, string>>;
    /** Config keys to mark as secrets, as `pulumi config set --secret` does. */
    readonly secretKeys?: readonly string[];
    /** Who runs Pulumi, as `getCurrentUser` answers (default DEFAULT_CALLER). */
    readonly caller?: string;
    /**
     * What `npm run data-readiness` answers on a stack without the simulated bootstrap (default: ready, with
     * plenty of rows). A string is printed as the script's stdout verbatim, to test malformed answers.
     */
    readonly dataReadiness?: { ready: boolean; rows?: number; reason: string } | string;
    /** Answers for `@pulumi/command` runs, keyed by resource name: what the command printed. */
    readonly commandStdout?: Readonly<Record<string, string>>;
}

export interface Evaluation {
    readonly resources: RegisteredResource[];
    /** The program's stack outputs, resolved. */
    readonly outputs: Record<string, unknown>;
    /** Every invoke the program made (token and arguments), in order: what it asked the workspace or the shell. */
    readonly invokes: readonly { token: string; args: Record<string, unknown> }[];
}

/** Stack config as the Pulumi CLI would hand it to the program: every value a string. */
export function readStackConfig(stack: string): Record<string, string> {
    return readStackFile(stack, REPO_ROOT);
}

/** Pulumi's wire signatures for special values (sdk/nodejs/runtime/rpc). */
const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Turns the wire form of inputs into plain values a reader (or a test) can compare. */
function readable(value: unknown): unknown {
    if (value === UNKNOWN) return "[unknown]";
    if (Array.isArray(value)) return value.map(readable);
    if (value !== null && typeof value === "object") {
        const record = value as Record<string, unknown>;
        const sig = record[SPECIAL_SIG_KEY];
        if (sig === SECRET_SIG) return "[secret]";
        if (sig === RESOURCE_SIG) return record["urn"];
        if (sig !== undefined) return record;
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(record).sort()) out[key] = readable(record[key]);
        return out;
    }
    return value;
}

/** Plausible computed outputs per resource type, so wiring between resources can be observed. */
function computedState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
    switch (type) {
        case "databricks:index/sqlEndpoint:SqlEndpoint":
            return { jdbcUrl: `jdbc:databricks://example.cloud.databricks.com:443/default;httpPath=/sql/1.0/warehouses/${name}-id`, dataSourceId: `${name}-ds` };
        case "databricks:index/schema:Schema":
            return { schemaId: `${String(inputs["catalogName"])}.${String(inputs["name"])}` };
        case "databricks:index/volume:Volume":
            return { volumePath: `/Volumes/${String(inputs["catalogName"])}/${String(inputs["schemaName"])}/${String(inputs["name"])}` };
        case "databricks:index/notebook:Notebook":
        case "databricks:index/workspaceFile:WorkspaceFile":
            return { url: `https://example.cloud.databricks.com/#workspace${String(inputs["path"])}`, workspacePath: `/Workspace${String(inputs["path"])}` };
        case "databricks:index/app:App":
            return { url: `https://${String(inputs["name"])}-1234.aws.databricksapps.com`, servicePrincipalClientId: "00000000-0000-4000-8000-0000000000a1", servicePrincipalId: 4242, servicePrincipalName: `app-${String(inputs["name"])}` };
        case "databricks:index/job:Job":
            return { url: `https://example.cloud.databricks.com/#job/${name}-id` };
        case "databricks:index/pipeline:Pipeline":
            return { url: `https://example.cloud.databricks.com/#joblist/pipelines/${name}-id` };
        case "databricks:index/modelServing:ModelServing":
            return { servingEndpointId: `${name}-endpoint-id` };
        // Lakebase Autoscaling names are resource paths under their parent, as the Postgres API reports them.
        case "databricks:index/postgresProject:PostgresProject":
            return { name: `projects/${String(inputs["projectId"])}`, status: { defaultBranch: `projects/${String(inputs["projectId"])}/branches/production` } };
        case "databricks:index/postgresBranch:PostgresBranch":
            return { name: `${String(inputs["parent"])}/branches/${String(inputs["branchId"])}` };
        case "databricks:index/postgresEndpoint:PostgresEndpoint":
            return { name: `${String(inputs["parent"])}/endpoints/${String(inputs["endpointId"])}` };
        case "databricks:index/postgresRole:PostgresRole":
            return { name: `${String(inputs["parent"])}/roles/${String(inputs["roleId"])}` };
        case "databricks:index/postgresDatabase:PostgresDatabase":
            return { name: `${String(inputs["parent"])}/databases/${name}-id` };
        case "databricks:index/postgresSyncedTable:PostgresSyncedTable":
            return { name: `synced_tables/${String(inputs["syncedTableId"])}`, status: { pipelineId: `${name}-pipeline-id` } };
        case "databricks:index/budgetPolicy:BudgetPolicy":
            return { policyId: `${name}-policy-id` };
        default:
            return {};
    }
}

/** The identity `getCurrentUser` reports: whoever runs Pulumi (a person, or CI's principal). */
export const DEFAULT_CALLER = "deployer@example.com";

const READY_WITH_DATA = { ready: true, rows: 100_000, reason: "payments_enriched_silver has 100000 rows (at least 50)" };

function invokeResults(caller: string, readiness: EvaluationOptions["dataReadiness"]): Record<string, (args: Record<string, unknown>) => Record<string, unknown>> {
    return {
        "command:local:run": (args) => {
            const command = String(args["command"]);
            if (!command.startsWith("npm run --silent data-readiness ")) throw new Error(`test harness: no mock answer for local.run of ${command}`);
            const answer = readiness ?? READY_WITH_DATA;
            return { command, stdout: typeof answer === "string" ? answer : JSON.stringify(answer), stderr: "", environment: args["environment"] };
        },
        "databricks:index/getCurrentUser:getCurrentUser": () => ({
            id: caller === DEFAULT_CALLER ? "1001" : "2002",
            userName: caller,
            home: `/Users/${caller}`,
            repos: `/Repos/${caller}`,
            alphanumeric: caller.replace(/[^A-Za-z0-9]/g, "_"),
            aclPrincipalId: `users/${caller}`,
            externalId: "",
            workspaceUrl: "https://example.cloud.databricks.com",
        }),
        // Unity Catalog lookups answer with an id derived from the full name, so a test can see which object
        // an id came from.
        "databricks:index/getSchema:getSchema": (args) => ({
            id: String(args["name"]),
            name: String(args["name"]),
            schemaInfo: { fullName: String(args["name"]), schemaId: `schema-id:${String(args["name"])}` },
        }),
        "databricks:index/getTable:getTable": (args) => ({
            id: String(args["name"]),
            name: String(args["name"]),
            tableInfo: { fullName: String(args["name"]), tableId: `table-id:${String(args["name"])}` },
        }),
    };
}

type RegisterRequest = {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProtect(): boolean | undefined;
    getRetainondelete(): boolean | undefined;
    getIgnorechangesList(): string[];
    getDependenciesList(): string[];
    getProvider(): string;
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
};

/**
 * Runs `index.ts` for one stack under mocks and returns what it registered. Each call loads the program
 * afresh, so evaluations do not leak into each other.
 */
export async function evaluateProgram(options: EvaluationOptions): Promise<Evaluation> {
    const preview = options.preview ?? false;
    const config: Record<string, string> = { ...(options.config ?? readStackConfig(options.stack)) };
    for (const [key, value] of Object.entries(options.configOverrides ?? {})) {
        if (value === undefined) delete config[key];
        else config[key] = value;
    }
    // The CLI fills every key the stack leaves unset with its Pulumi.yaml default before the program starts.
    Object.assign(config, withProjectDefaults(config, REPO_ROOT));

    const registered: RegisteredResource[] = [];
    const invokes: { token: string; args: Record<string, unknown> }[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
                if (!args.custom) return { id: undefined, state: {} };
                const state: Record<string, unknown> = { ...args.inputs };
                if (args.type === "command:local:Command" && options.commandStdout?.[args.name] !== undefined) {
                    state["stdout"] = options.commandStdout[args.name];
                    state["stderr"] = "";
                }
                if (preview) return { id: undefined, state };
                return { id: `${args.name}-id`, state: { ...state, ...computedState(args.type, args.name, args.inputs) } };
            },
            call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
                invokes.push({ token: args.token, args: args.inputs as Record<string, unknown> });
                const answer = invokeResults(options.caller ?? DEFAULT_CALLER, options.dataReadiness)[args.token];
                if (!answer) throw new Error(`test harness: no mock answer for invoke ${args.token}`);
                return answer(args.inputs);
            },
        },
        PROJECT_NAME,
        options.stack,
        preview,
    );
    pulumi.runtime.setAllConfig(config, [...(options.secretKeys ?? [])]);

    const settings = require("@pulumi/pulumi/runtime/settings") as {
        getMonitor(): { registerResource(req: RegisterRequest, cb: (err: unknown, res: unknown) => void): Promise<void> };
        waitForRPCs(): Promise<void>;
    };
    const monitor = settings.getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = async (req, cb) => {
        const parent = req.getParent();
        const type = req.getType();
        const name = req.getName();
        const qualifiedType = parent ? `${parent.split("::")[2].split("$").pop()}$${type}` : type;
        registered.push({
            urn: `urn:pulumi:${options.stack}::${PROJECT_NAME}::${qualifiedType}::${name}`,
            type,
            name,
            parent: parent || undefined,
            inputs: (readable(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>) ?? {},
            dependencies: [...req.getDependenciesList()].sort(),
            protect: req.getProtect() ?? false,
            retainOnDelete: req.getRetainondelete() ?? false,
            ignoreChanges: [...req.getIgnorechangesList()],
            provider: req.getProvider() || undefined,
            custom: req.getCustom(),
        });
        return register(req, cb);
    };

    forgetProgramModules();
    try {
        const outputs = await resolveOutputs(await runProgram());
        await settings.waitForRPCs();
        return { resources: registered, outputs, invokes };
    } catch (error) {
        throw new EvaluationError(error, registered);
    }
}

/** The program failed; `resources` says what it had registered before failing. */
export class EvaluationError extends Error {
    constructor(
        readonly cause: unknown,
        readonly resources: RegisteredResource[],
    ) {
        super(cause instanceof Error ? cause.message : String(cause));
        this.name = "EvaluationError";
    }
}

/** As the Pulumi runtime does: a program that exports a function is called, and what it returns (awaited) is the stack's outputs. */
async function runProgram(): Promise<Record<string, unknown>> {
    const program = require(path.join(REPO_ROOT, "index.ts")) as Record<string, unknown> | (() => Promise<Record<string, unknown>>);
    return typeof program === "function" ? await program() : program;
}

/** Drops the program's own modules from the require cache so the next evaluation runs it again. */
function forgetProgramModules(): void {
    const ownCode = [path.join(REPO_ROOT, "index.ts"), path.join(REPO_ROOT, "components") + path.sep];
    for (const key of Object.keys(require.cache)) {
        if (ownCode.some((prefix) => key === prefix || key.startsWith(prefix))) delete require.cache[key];
    }
}

async function resolveOutputs(exports: Record<string, unknown>): Promise<Record<string, unknown>> {
    const resolved: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(exports)) {
        resolved[key] = await unwrap(pulumi.output(value));
    }
    return resolved;
}

/** The value of an Output, or `undefined` when it is unknown (as in preview). */
export function unwrap<T>(output: pulumi.Output<T>): Promise<T | undefined> {
    return new Promise((resolve) => {
        // An unknown Output never runs its apply; `isKnown` tells us whether to wait.
        (output as unknown as { isKnown: Promise<boolean> }).isKnown.then((known) => {
            if (!known) resolve(undefined);
            else output.apply((v) => resolve(v));
        });
    });
}

/** Finds resources by type token (e.g. `databricks:index/job:Job`). */
export function ofType(resources: readonly RegisteredResource[], type: string): RegisteredResource[] {
    return resources.filter((r) => r.type === type);
}

/** The single resource with that type and name; fails listing what exists when there is none. */
export function findResource(resources: readonly RegisteredResource[], type: string, name: string): RegisteredResource {
    const match = resources.find((r) => r.type === type && r.name === name);
    if (!match) {
        const names = ofType(resources, type).map((r) => r.name);
        throw new Error(`no ${type} named ${name}; registered: ${names.join(", ") || "none"}`);
    }
    return match;
}
