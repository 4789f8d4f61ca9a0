/**
 * Stack configuration: one zod schema turns the raw `payment-analysis:*` keys of a stack into a typed,
 * validated object. `parseConfig` is pure so tests call it directly; `loadConfig` is the only place that
 * reads Pulumi config, and it runs before any resource is registered.
 */
import { z } from "zod";
import { embeddingEndpointProblem, endpointsInEveryRegion } from "./serving/embedding-regions";

export const PROJECT = "payment-analysis";

export const WAREHOUSE_SIZES = [
    "2X-Small", "X-Small", "Small", "Medium", "Large", "X-Large", "2X-Large", "3X-Large", "4X-Large",
] as const;
/**
 * Lakebase Autoscaling compute: 0.5 to 32 CU in steps of 0.5, and the autoscaling range (max - min) at
 * most 16 CU (PostgresEndpointSpec in @pulumi/databricks 1.110; Lakebase "computes and scaling" docs).
 */
export const LAKEBASE_CU = { min: 0.5, max: 32, step: 0.5, maxRange: 16 } as const;
/** Review stacks: their names start with pr- (scripts/lib/review-stack.ts writes them). */
export const REVIEW_STACK_NAME = /^pr-/;
/**
 * Keys an earlier version accepted, with what replaced them; a stack file that still sets one is told
 * which key to use instead of just "unknown key".
 */
export const RETIRED_KEYS: Readonly<Record<string, string>> = {
    lakebaseInstanceName: "lakebaseProjectName (Lakebase Autoscaling projects replace database instances; see docs/lakebase-migration.md)",
    lakebaseSharedInstance: "lakebaseSharedProject (an existing Lakebase Autoscaling project; the stack gets a branch of its own in it; see docs/lakebase-migration.md)",
    lakebaseCapacity: "lakebaseMinCu and lakebaseMaxCu (the endpoint's autoscaling limits in compute units; see docs/lakebase-migration.md)",
};
/** Explicit Unity Catalog access modes for classic job clusters (the original relied on workspace defaults). */
export const DATA_SECURITY_MODES = ["SINGLE_USER", "USER_ISOLATION", "DATA_SECURITY_MODE_DEDICATED", "DATA_SECURITY_MODE_STANDARD"] as const;
/**
 * development: development mode, triggered updates (no always-on cost);
 * triggered: production mode, triggered; continuous: production mode, always on.
 */
export const PIPELINE_MODES = ["development", "triggered", "continuous"] as const;

const UC_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const TAG_KEY = /^[A-Za-z0-9_.:/=+@-]{1,127}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Groups that hold every user of the workspace or account: granting them is granting everyone. */
export const ALL_USERS_GROUPS = ["users", "account users"] as const;
/** Stack names that read as production; such a stack must say `environment: prod`. */
export const PRODUCTION_STACK_NAME = /^prod(uction)?([-_.].*)?$/i;
/** Workspace folders where every user may manage what is stored (the workspace's defaults). */
const SHARED_FOLDER = /^\/Workspace\/Shared(\/|$)/;

/** Pulumi hands every config value over as a string; structured keys arrive as JSON text. */
function fromConfigText(kind: "boolean" | "integer" | "json") {
    return (value: unknown): unknown => {
        if (typeof value !== "string") return value;
        const text = value.trim();
        if (kind === "boolean") return text === "true" ? true : text === "false" ? false : value;
        if (kind === "integer") return /^-?\d+$/.test(text) ? Number(text) : value;
        try {
            return JSON.parse(text);
        } catch {
            return value;
        }
    };
}

const computeUnits = (fallback: number) =>
    z
        .preprocess(
            (value) => (typeof value === "string" && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value),
            z.number().refine((n) => n >= LAKEBASE_CU.min && n <= LAKEBASE_CU.max && Number.isInteger(n / LAKEBASE_CU.step), {
                message: `must be ${LAKEBASE_CU.min} to ${LAKEBASE_CU.max} compute units, in steps of ${LAKEBASE_CU.step}`,
            }),
        )
        .default(fallback);
const bool = (fallback: boolean) => z.preprocess(fromConfigText("boolean"), z.boolean()).default(fallback);
const int = (min: number, max: number, fallback: number) =>
    z.preprocess(fromConfigText("integer"), z.number().int().min(min).max(max)).default(fallback);
const ucName = (fallback?: string) => {
    const name = z.string().regex(UC_IDENTIFIER, "must be a lower-case Unity Catalog identifier (a-z, 0-9, _), e.g. payment_analysis");
    return fallback === undefined ? name : name.default(fallback);
};
const groupList = z
    .preprocess(
        fromConfigText("json"),
        z.array(
            z
                .string()
                .min(1)
                .refine((group) => !(ALL_USERS_GROUPS as readonly string[]).includes(group.trim().toLowerCase()), {
                    message: `must not name ${ALL_USERS_GROUPS.map((g) => `"${g}"`).join(" or ")}: those groups hold every user; name the group of the people who need access`,
                }),
        ),
    )
    .default([]);
/** An https Git URL without credentials in it (a URL is stored in plain text in state and shown in previews). */
const gitUrl = z.string().refine(
    (text) => {
        try {
            const url = new URL(text);
            return url.protocol === "https:" && url.username === "" && url.password === "" && url.hostname !== "";
        } catch {
            return false;
        }
    },
    { message: "must be an https URL of a Git repository without credentials in it, e.g. https://github.com/org/repo (the Git credential belongs in the workspace's Git settings)" },
);
/**
 * An optional text key. Pulumi.yaml gives it the default "" because the CLI refuses a stack that leaves a
 * key without a default unset; so the empty string means "not set".
 */
/** The embedding endpoint every region in components/serving/embedding-endpoints-by-region.json serves pay-per-token. */
export const DEFAULT_EMBEDDING_ENDPOINT = endpointsInEveryRegion()[0] ?? "databricks-gte-large-en";

const optionalText = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const rawSchema = z
    .object({
        environment: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, "must be a short lower-case name such as dev or prod"),
        catalog: ucName("ahs_demos_catalog"),
        schema: ucName(),
        workspaceFolder: z
            .string()
            .regex(/^\/Workspace\/[^\s]+$/, "must be an absolute /Workspace/... path, e.g. /Workspace/Shared/payment-analysis (the stack name is appended)")
            .default("/Workspace/Shared/payment-analysis"),
        namePrefix: optionalText(z.string().max(30)),
        tags: z
            .preprocess(fromConfigText("json"), z.record(z.string().regex(TAG_KEY, "tag keys use letters, digits and _.:/=+@-"), z.string().max(255)))
            .default({}),
        warehouseSize: z.enum(WAREHOUSE_SIZES).default("2X-Small"),
        warehouseType: z.enum(["PRO", "CLASSIC"]).default("PRO"),
        warehouseServerless: bool(true),
        warehouseAutoStopMinutes: int(5, 240, 10),
        lakebaseProjectName: z
            .string()
            .regex(/^[a-z][a-z0-9-]{0,40}$/, "must start with a lower-case letter, then use a-z, 0-9 and - (at most 41 characters; the stack suffix is added)")
            .default("payment-analysis"),
        lakebaseSharedProject: optionalText(
            z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "must be the id of an existing Lakebase Autoscaling project (1-63 characters: a lower-case letter, then a-z, 0-9 and -)"),
        ),
        lakebaseMinCu: computeUnits(0.5),
        lakebaseMaxCu: computeUnits(2),
        lakebaseDatabaseName: ucName("payment_analysis"),
        lakebaseCatalogName: ucName("payment_analysis_lakebase"),
        jobCompute: z.enum(["serverless", "classic"]).default("serverless"),
        classicSparkVersion: z.string().regex(/^\d+\.\d+\.x-(cpu-ml-)?scala\d+\.\d+$/, "must be a Databricks runtime key such as 15.4.x-scala2.12").default("15.4.x-scala2.12"),
        classicMlSparkVersion: z.string().regex(/^\d+\.\d+\.x-cpu-ml-scala\d+\.\d+$/, "must be an ML runtime key such as 15.4.x-cpu-ml-scala2.12").default("15.4.x-cpu-ml-scala2.12"),
        classicNodeType: optionalText(z.string().min(1)),
        classicDataSecurityMode: z.enum(DATA_SECURITY_MODES).default("SINGLE_USER"),
        schedulesPaused: bool(true),
        pipelineMode: z.enum(PIPELINE_MODES).default("development"),
        dataBootstrap: bool(true),
        simulatorEventsPerSecond: int(1, 100_000, 1000),
        simulatorDurationMinutes: int(1, 50, 5),
        llmEndpoint: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/).default("databricks-meta-llama-3-3-70b-instruct"),
        embeddingEndpoint: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/).default(DEFAULT_EMBEDDING_ENDPOINT),
        cloudRegion: optionalText(z.string().regex(/^(aws|azure|gcp):[a-z0-9-]+$/, "must be <cloud>:<region>, e.g. aws:eu-central-1 or azure:eastus2")),
        budgetPolicy: z
            .string()
            .refine((text) => text === "off" || text === "create" || UUID.test(text), {
                message: "must be off, create (a policy of the stack's own, needs accountId) or the id of an existing budget policy (a UUID)",
            })
            .default("off"),
        accountId: optionalText(z.string().regex(UUID, "must be the Databricks account id (a UUID)")),
        accountHost: z
            .string()
            .regex(/^https:\/\/accounts\.[a-z0-9.-]+$/, "must be the account console URL, e.g. https://accounts.cloud.databricks.com or https://accounts.azuredatabricks.net")
            .default("https://accounts.cloud.databricks.com"),
        alertApprovalRateMinPercent: int(1, 100, 80),
        alertDeclineSpikePercent: int(101, 10_000, 200),
        alertLatencyP95MaxMs: int(1, 600_000, 2000),
        alertSubscribers: z
            .preprocess(
                fromConfigText("json"),
                z.array(z.string().refine((who) => EMAIL.test(who) || UUID.test(who), { message: "must be a user's email or a notification destination id (a UUID)" })),
            )
            .default([]),
        runAsServicePrincipal: optionalText(z.string().regex(UUID, "must be the service principal's application id (a UUID)")),
        viewerGroups: groupList,
        managerGroups: groupList,
        protectData: bool(false),
        appComputeSize: z.enum(["MEDIUM", "LARGE"]).default("MEDIUM"),
        appGitUrl: optionalText(gitUrl),
        appGitProvider: z.enum(["gitHub", "gitHubEnterprise", "gitLab", "gitLabEnterpriseEdition", "bitbucketCloud", "bitbucketServer", "azureDevOpsServices", "awsCodeCommit"]).default("gitHub"),
        appGitBranch: z.string().min(1).default("main"),
        appGitSourcePath: optionalText(z.string()),
    })
    .strict();

type Parsed = z.output<typeof rawSchema>;

/**
 * Rules between keys. They run on whatever keys did parse, so one message reports field errors and
 * cross-key errors together instead of revealing them one `pulumi up` at a time.
 */
function crossKeyProblems(c: Partial<Parsed>, stack: string, given: (key: string) => boolean): Array<[key: string, message: string]> {
    const problems: Array<[string, string]> = [];
    if (c.lakebaseMinCu !== undefined && c.lakebaseMaxCu !== undefined) {
        if (c.lakebaseMaxCu < c.lakebaseMinCu) problems.push(["lakebaseMaxCu", `must be at least lakebaseMinCu (${c.lakebaseMinCu})`]);
        else if (c.lakebaseMaxCu - c.lakebaseMinCu > LAKEBASE_CU.maxRange) {
            problems.push(["lakebaseMaxCu", `must be at most ${LAKEBASE_CU.maxRange} compute units above lakebaseMinCu (${c.lakebaseMinCu}): Lakebase autoscales over a range of at most ${LAKEBASE_CU.maxRange}`]);
        }
    }
    if (c.embeddingEndpoint !== undefined) {
        const embedding = embeddingEndpointProblem(c.cloudRegion, c.embeddingEndpoint);
        if (embedding !== undefined) problems.push([embedding.key, embedding.message]);
    }
    if (c.budgetPolicy === "create" && c.accountId === undefined && !given("accountId")) {
        problems.push(["accountId", "is required when budgetPolicy is create: budget policies are account objects, created through the account API"]);
    }
    if (PRODUCTION_STACK_NAME.test(stack) && c.environment !== undefined && c.environment !== "prod") {
        problems.push(["environment", `must be prod on stack "${stack}": a stack named for production gets production's rules (environment is the one definition of prod for the program and the policy pack)`]);
    }
    if (c.jobCompute === "classic" && c.classicNodeType === undefined) {
        problems.push(["classicNodeType", "is required when jobCompute is classic (node types are cloud-specific, e.g. i3.xlarge, Standard_DS3_v2, n2-standard-4)"]);
    }
    if (c.warehouseServerless === false && c.warehouseAutoStopMinutes !== undefined && c.warehouseAutoStopMinutes < 10) {
        problems.push(["warehouseAutoStopMinutes", "must be at least 10 for a non-serverless warehouse"]);
    }
    if (c.warehouseServerless === false) {
        problems.push(["warehouseServerless", "must be true: the agents read the approval rules through the stack's Lakebase catalog, which only a serverless SQL warehouse can query"]);
    }
    if (c.warehouseServerless === true && c.warehouseType === "CLASSIC") {
        problems.push(["warehouseType", "must be PRO when warehouseServerless is true"]);
    }
    if (c.environment === "prod") {
        if (!c.runAsServicePrincipal) problems.push(["runAsServicePrincipal", "is required in prod: jobs and pipelines run as a service principal"]);
        if (c.viewerGroups?.length === 0) problems.push(["viewerGroups", "needs at least one group in prod (the original granted CAN_VIEW to data-analysts)"]);
        if (c.managerGroups?.length === 0) problems.push(["managerGroups", "needs at least one group in prod (the original granted CAN_MANAGE to data-engineers)"]);
        if (c.pipelineMode === "development") problems.push(["pipelineMode", "cannot be development in prod"]);
        if (c.protectData === false) problems.push(["protectData", "must be true in prod: schema, volumes and Lakebase are protected and retained on delete"]);
        if (c.dataBootstrap === true) problems.push(["dataBootstrap", "must be false in prod: prod trains on real data, never on simulated events"]);
        const home = c.workspaceFolder === undefined ? undefined : /^\/Workspace\/Users\/([^/]+)/.exec(c.workspaceFolder)?.[1];
        if (home !== undefined && c.runAsServicePrincipal !== undefined && home !== c.runAsServicePrincipal) {
            problems.push(["workspaceFolder", `must not be in the home of ${home} in prod: prod code lives in the run-as service principal's home, /Workspace/Users/${c.runAsServicePrincipal}/...`]);
        }
        if (c.budgetPolicy === "off") {
            problems.push(["budgetPolicy", "must not be off in prod: prod's serverless spend is attributed to its own budget policy (create, with accountId, or an existing policy's id)"]);
        }
        if (c.lakebaseSharedProject !== undefined) {
            problems.push(["lakebaseSharedProject", "must be unset in prod: prod owns its Lakebase project (protected, retained), never a branch of a shared one"]);
        }
        if (c.workspaceFolder !== undefined && SHARED_FOLDER.test(c.workspaceFolder)) {
            problems.push([
                "workspaceFolder",
                `must not be under /Workspace/Shared in prod: every user may change code there, and prod code runs as the service principal; use its home, e.g. /Workspace/Users/${c.runAsServicePrincipal ?? "<runAsServicePrincipal>"}/payment-analysis`,
            ]);
        }
    }
    return problems;
}

export type RawConfig = z.input<typeof rawSchema>;

export interface StackConfig {
    readonly stack: string;
    readonly environment: string;
    readonly isProd: boolean;
    readonly catalog: string;
    readonly schema: string;
    readonly workspaceFolder: string;
    readonly namePrefix: string;
    /** Tags every taggable resource carries; always includes project and environment. */
    readonly tags: Readonly<Record<string, string>>;
    readonly warehouse: {
        readonly size: (typeof WAREHOUSE_SIZES)[number];
        readonly type: "PRO" | "CLASSIC";
        readonly serverless: boolean;
        readonly autoStopMinutes: number;
    };
    readonly lakebase: {
        /**
         * owned: a Lakebase Autoscaling project of the stack's own (base id; the stack is appended).
         * shared: an existing project the stack puts a branch of its own into (review stacks).
         */
        readonly project: { readonly kind: "owned"; readonly baseId: string } | { readonly kind: "shared"; readonly id: string };
        readonly minCu: number;
        readonly maxCu: number;
        readonly databaseName: string;
        readonly catalogName: string;
    };
    readonly jobCompute:
        | { readonly kind: "serverless" }
        | {
              readonly kind: "classic";
              readonly sparkVersion: string;
              readonly mlSparkVersion: string;
              readonly nodeType: string;
              readonly dataSecurityMode: (typeof DATA_SECURITY_MODES)[number];
          };
    readonly schedulesPaused: boolean;
    readonly pipelineMode: (typeof PIPELINE_MODES)[number];
    readonly dataBootstrap: { readonly enabled: boolean; readonly eventsPerSecond: number; readonly durationMinutes: number };
    readonly llmEndpoint: string;
    readonly embeddingEndpoint: string;
    /** `<cloud>:<region>` of the workspace when the stack says; the embedding endpoint is checked against it. */
    readonly cloudRegion?: string;
    /**
     * Serverless spend attribution: none, a policy the stack creates through the account API, or an
     * existing policy's id.
     */
    readonly budgetPolicy:
        | { readonly kind: "off" }
        | { readonly kind: "create"; readonly accountId: string; readonly accountHost: string }
        | { readonly kind: "existing"; readonly id: string };
    readonly alerts: {
        readonly approvalRateMinPercent: number;
        readonly declineSpikePercent: number;
        readonly latencyP95MaxMs: number;
        readonly subscribers: readonly string[];
    };
    readonly access: {
        readonly runAsServicePrincipal?: string;
        readonly viewerGroups: readonly string[];
        readonly managerGroups: readonly string[];
    };
    readonly protectData: boolean;
    readonly app: {
        readonly computeSize: "MEDIUM" | "LARGE";
        /** Where the app's code comes from: a Git repository, or the repo's own `app/` folder uploaded by the deployment. */
        readonly source:
            | { readonly kind: "git"; readonly url: string; readonly provider: string; readonly branch: string; readonly sourcePath?: string }
            | { readonly kind: "workspace" };
    };
}

/** Thrown for invalid stack config; the message lists every bad key at once. */
export class ConfigError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(`Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` + problems.map((p) => `  - ${p}`).join("\n"));
        this.name = "ConfigError";
    }
}

/** Every key the program accepts; Pulumi.yaml and the README must declare exactly these. */
export const KNOWN_KEYS = Object.keys(rawSchema.shape);

const TYPE_WORDS: Record<string, string> = {
    record: "an object of tag name to value, e.g. {\"cost-center\": \"1234\"}",
    array: "a list of names, e.g. [\"data-analysts\"]",
    boolean: "true or false",
    number: "a whole number",
    string: "a string",
};

const REQUIRED_HINTS: Record<string, string> = {
    environment: "the kind of environment, dev or prod",
    schema: "the lower-case Unity Catalog schema the stack owns, e.g. payment_analysis_dev",
};

function givenText(raw: Record<string, unknown>, key: string): string {
    return key in raw && raw[key] !== undefined ? ` (given ${JSON.stringify(raw[key])})` : " (not set)";
}

function describeIssue(issue: z.core.$ZodIssue, raw: Record<string, unknown>): string {
    const key = String(issue.path[0] ?? "");
    const fullKey = `${PROJECT}:${issue.path.map(String).join(".")}`;
    if (issue.code === "unrecognized_keys") {
        return issue.keys
            .map((k) =>
                k in RETIRED_KEYS
                    ? `${PROJECT}:${k}: is no longer a key${givenText(raw, k)}; use ${RETIRED_KEYS[k]}`
                    : `${PROJECT}:${k}: is not a known key${givenText(raw, k)}; valid keys are ${KNOWN_KEYS.join(", ")}`,
            )
            .join("\n  - ");
    }
    const given = givenText(raw, key);
    let expected = issue.message;
    if (issue.code === "invalid_value" && "values" in issue) {
        expected = `must be one of ${(issue.values as unknown[]).map(String).join(", ")}`;
    } else if (issue.code === "invalid_type" && raw[key] === undefined) {
        expected = `is required: ${REQUIRED_HINTS[key] ?? `a ${issue.expected}`}`;
    } else if (issue.code === "invalid_key") {
        expected = issue.issues[0]?.message ?? issue.message;
    } else if (issue.code === "invalid_type") {
        expected = `must be ${TYPE_WORDS[issue.expected] ?? `a ${issue.expected}`}`;
    } else if (issue.code === "too_small") {
        expected = `must be at least ${String(issue.minimum)}${issue.origin === "string" ? " characters long" : ""}`;
    } else if (issue.code === "too_big") {
        expected = `must be at most ${String(issue.maximum)}${issue.origin === "string" ? " characters long" : ""}`;
    }
    return `${fullKey}: ${expected}${given}`;
}

/**
 * Validates raw stack config (keys without the `payment-analysis:` namespace, values as Pulumi gives them)
 * for the named stack. Throws a ConfigError naming every bad key, what was given and what is valid.
 */
export function parseConfig(raw: Record<string, unknown>, stack: string): StackConfig {
    const result = rawSchema.safeParse(raw);
    const problems = result.success ? [] : result.error.issues.map((issue) => describeIssue(issue, raw));
    const lenient = result.success ? result.data : parseEachKey(raw);
    for (const [key, message] of crossKeyProblems(lenient, stack, (key) => raw[key] !== undefined && raw[key] !== "")) {
        problems.push(`${PROJECT}:${key}: ${message}${givenText(raw, key)}`);
    }
    if (problems.length > 0 || !result.success) throw new ConfigError(problems);
    return toStackConfig(result.data, stack);
}

/** The keys that parse on their own, so cross-key rules can still run when another key is bad. */
function parseEachKey(raw: Record<string, unknown>): Partial<Parsed> {
    const parsed: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(rawSchema.shape)) {
        const one = (field as z.ZodType).safeParse(raw[key]);
        if (one.success) parsed[key] = one.data;
    }
    return parsed as Partial<Parsed>;
}

function toStackConfig(c: Parsed, stack: string): StackConfig {
    return {
        stack,
        environment: c.environment,
        isProd: c.environment === "prod",
        catalog: c.catalog,
        schema: c.schema,
        workspaceFolder: c.workspaceFolder,
        namePrefix: c.namePrefix ?? `[${stack}] `,
        tags: { ...c.tags, project: PROJECT, environment: c.environment },
        warehouse: { size: c.warehouseSize, type: c.warehouseType, serverless: c.warehouseServerless, autoStopMinutes: c.warehouseAutoStopMinutes },
        lakebase: {
            project: c.lakebaseSharedProject !== undefined ? { kind: "shared", id: c.lakebaseSharedProject } : { kind: "owned", baseId: c.lakebaseProjectName },
            minCu: c.lakebaseMinCu,
            maxCu: c.lakebaseMaxCu,
            databaseName: c.lakebaseDatabaseName,
            catalogName: c.lakebaseCatalogName,
        },
        jobCompute:
            c.jobCompute === "classic"
                ? {
                      kind: "classic",
                      sparkVersion: c.classicSparkVersion,
                      mlSparkVersion: c.classicMlSparkVersion,
                      nodeType: c.classicNodeType as string,
                      dataSecurityMode: c.classicDataSecurityMode,
                  }
                : { kind: "serverless" },
        schedulesPaused: c.schedulesPaused,
        pipelineMode: c.pipelineMode,
        dataBootstrap: { enabled: c.dataBootstrap, eventsPerSecond: c.simulatorEventsPerSecond, durationMinutes: c.simulatorDurationMinutes },
        llmEndpoint: c.llmEndpoint,
        embeddingEndpoint: c.embeddingEndpoint,
        ...(c.cloudRegion !== undefined ? { cloudRegion: c.cloudRegion } : {}),
        budgetPolicy:
            c.budgetPolicy === "off"
                ? { kind: "off" }
                : c.budgetPolicy === "create"
                  ? { kind: "create", accountId: c.accountId as string, accountHost: c.accountHost }
                  : { kind: "existing", id: c.budgetPolicy },
        alerts: {
            approvalRateMinPercent: c.alertApprovalRateMinPercent,
            declineSpikePercent: c.alertDeclineSpikePercent,
            latencyP95MaxMs: c.alertLatencyP95MaxMs,
            subscribers: c.alertSubscribers,
        },
        access: { runAsServicePrincipal: c.runAsServicePrincipal, viewerGroups: c.viewerGroups, managerGroups: c.managerGroups },
        protectData: c.protectData,
        app: {
            computeSize: c.appComputeSize,
            source: c.appGitUrl
                ? { kind: "git", url: c.appGitUrl, provider: c.appGitProvider, branch: c.appGitBranch, sourcePath: c.appGitSourcePath }
                : { kind: "workspace" },
        },
    };
}

/** Strips the project namespace from `pulumi.runtime.allConfig()`-shaped input; other namespaces (databricks:*) are not ours. */
export function projectKeys(all: Readonly<Record<string, string>>): Record<string, string> {
    const prefix = `${PROJECT}:`;
    const ours: Record<string, string> = {};
    for (const [key, value] of Object.entries(all)) {
        if (key.startsWith(prefix)) ours[key.slice(prefix.length)] = value;
    }
    return ours;
}
