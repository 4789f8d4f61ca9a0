import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { keyValueTags, Tags } from "../tags";

/**
 * The stack's place in Lakebase Autoscaling: a project of its own (its default branch holds the data), or
 * a branch of its own in a project the workspace keeps for review stacks (under the cap on projects).
 */
export type LakebasePlacement =
    | { readonly kind: "owned"; readonly projectId: string; readonly displayName: string }
    | { readonly kind: "shared"; readonly projectId: string; readonly branchId: string };

export interface LakebaseArgs {
    readonly placement: LakebasePlacement;
    /** Autoscaling limits of the branch's read-write endpoint, in compute units. */
    readonly minCu: number;
    readonly maxCu: number;
    /** Postgres database the app keeps its rules, experiments and incidents in, and the synced tables land in. */
    readonly databaseName: string;
    /** Unity Catalog catalog that exposes the Postgres database (metastore-unique, stack-scoped). */
    readonly catalogName: string;
    readonly tags: Tags;
    readonly protect: boolean;
    /** Budget policy of the stack's serverless spend; only a project of the stack's own carries one. */
    readonly budgetPolicyId?: pulumi.Input<string>;
}

/** Postgres version of new projects: pinned, so an upgrade is a reviewed change and not a default moving. */
export const LAKEBASE_PG_VERSION = 17;
/**
 * Every branch gets a read-write endpoint named `primary` when it is created; the program adopts it
 * (`replaceExisting`) to set its autoscaling limits. Removing the resource only forgets it: its lifecycle
 * is the branch's (PostgresEndpoint docs, @pulumi/databricks 1.110).
 */
export const LAKEBASE_PRIMARY_ENDPOINT = "primary";
/**
 * The role that owns the stack's database. It cannot log in: it exists so that the database has an owner
 * that does not depend on the app (the app's role is created from the app's service principal, and the
 * app is bound to this database, so an app-owned database would be a cycle). Role ids are 4-63 lower-case
 * letters, digits and hyphens, and become the Postgres role name.
 */
export const LAKEBASE_OWNER_ROLE = "payment-analysis-owner";

/**
 * Lakebase Autoscaling for one stack: project (or branch of a shared one), the branch's endpoint with the
 * configured autoscaling limits, the owner role, the database and its Unity Catalog catalog.
 */
export class Lakebase extends pulumi.ComponentResource {
    /** `projects/<id>`. */
    readonly projectName: pulumi.Output<string>;
    /** `projects/<id>/branches/<id>`: where the database, roles and synced tables live. */
    readonly branchName: pulumi.Output<string>;
    readonly endpointName: pulumi.Output<string>;
    /** The Postgres database name. */
    readonly databaseName: pulumi.Output<string>;
    /** `projects/<id>/branches/<id>/databases/<id>`: what the app is bound to. */
    readonly databaseResourceName: pulumi.Output<string>;
    readonly catalogName: pulumi.Output<string>;

    constructor(name: string, args: LakebaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:platform:Lakebase", name, {}, opts);
        checkAutoscalingLimits(args.minCu, args.maxCu);
        const stateful: pulumi.CustomResourceOptions = { parent: this, protect: args.protect, retainOnDelete: args.protect };
        const placement = args.placement;
        let projectName: pulumi.Output<string>;
        let branchName: pulumi.Output<string>;
        if (placement.kind === "owned") {
            const project = new databricks.PostgresProject(
                `${name}-project`,
                {
                    projectId: placement.projectId,
                    spec: {
                        displayName: placement.displayName,
                        pgVersion: LAKEBASE_PG_VERSION,
                        customTags: keyValueTags(args.tags),
                        ...(args.budgetPolicyId !== undefined ? { budgetPolicyId: args.budgetPolicyId } : {}),
                    },
                    initialBranchSpec: { isProtected: args.protect },
                    purgeOnDelete: !args.protect,
                },
                stateful,
            );
            projectName = project.name;
            // The default branch comes with the project; the stack keeps its data there.
            branchName = project.status.apply((status) => status.defaultBranch);
        } else {
            // Review stacks only (prod may not share), so the branch is disposable: no expiry, purged on delete.
            const branch = new databricks.PostgresBranch(
                `${name}-branch`,
                { branchId: placement.branchId, parent: `projects/${placement.projectId}`, spec: { noExpiry: true }, purgeOnDelete: true },
                { parent: this },
            );
            projectName = pulumi.output(`projects/${placement.projectId}`);
            branchName = branch.name;
        }
        const endpoint = new databricks.PostgresEndpoint(
            `${name}-endpoint`,
            {
                endpointId: LAKEBASE_PRIMARY_ENDPOINT,
                parent: branchName,
                replaceExisting: true,
                spec: { endpointType: "ENDPOINT_TYPE_READ_WRITE", autoscalingLimitMinCu: args.minCu, autoscalingLimitMaxCu: args.maxCu },
            },
            { parent: this },
        );
        const owner = new databricks.PostgresRole(
            `${name}-owner`,
            { parent: branchName, roleId: LAKEBASE_OWNER_ROLE, spec: { postgresRole: LAKEBASE_OWNER_ROLE, authMethod: "NO_LOGIN" } },
            stateful,
        );
        const database = new databricks.PostgresDatabase(
            `${name}-database`,
            { parent: branchName, spec: { postgresDatabase: args.databaseName, role: owner.name } },
            stateful,
        );
        const catalog = new databricks.PostgresCatalog(
            `${name}-catalog`,
            // The database's own output, not the configured name: the catalog is created after the database.
            { catalogId: args.catalogName, spec: { branch: branchName, postgresDatabase: database.spec.apply((spec) => spec.postgresDatabase ?? args.databaseName) } },
            stateful,
        );
        this.projectName = projectName;
        this.branchName = branchName;
        this.endpointName = endpoint.name;
        this.databaseName = catalog.spec.apply((spec) => spec.postgresDatabase);
        this.databaseResourceName = database.name;
        this.catalogName = catalog.catalogId;
        this.registerOutputs({
            projectName: this.projectName,
            branchName: this.branchName,
            endpointName: this.endpointName,
            databaseName: this.databaseName,
            databaseResourceName: this.databaseResourceName,
            catalogName: this.catalogName,
        });
    }
}

/** The component's own guard: config validates the same rule, but a caller may build args by hand. */
export function checkAutoscalingLimits(minCu: number, maxCu: number): void {
    if (!(minCu > 0 && maxCu >= minCu)) throw new Error(`Lakebase: autoscaling limits must satisfy 0 < min <= max (given min ${minCu}, max ${maxCu})`);
}
