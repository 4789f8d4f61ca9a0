import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { keyValueTags, Tags } from "../tags";

export interface LakebaseArgs {
    /**
     * The instance: one this stack owns (a workspace-unique, stack-scoped name), or an existing one it only
     * puts its database into (review stacks share one, under the workspace's cap on instances).
     */
    readonly instance: { readonly kind: "owned"; readonly name: string } | { readonly kind: "shared"; readonly name: string };
    readonly capacity: "CU_1" | "CU_2" | "CU_4" | "CU_8";
    readonly databaseName: string;
    /** Unity Catalog catalog that exposes the Postgres database (metastore-unique, stack-scoped). */
    readonly catalogName: string;
    readonly tags: Tags;
    readonly protect: boolean;
}

/**
 * Fields the API accepts on create but reports back only as `effective*` outputs. Pulumi would diff them
 * on every refresh, so changes to them are ignored once the instance exists.
 */
export const LAKEBASE_INPUT_ONLY_FIELDS = ["nodeCount", "stopped", "enableReadableSecondaries", "retentionWindowInDays"];

/** The Lakebase (managed Postgres) instance the app keeps rules and experiments in, and its UC catalog. */
export class Lakebase extends pulumi.ComponentResource {
    readonly instanceName: pulumi.Output<string>;
    readonly databaseName: pulumi.Output<string>;
    readonly catalogName: pulumi.Output<string>;

    constructor(name: string, args: LakebaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:platform:Lakebase", name, {}, opts);
        // Referencing the instance resource (not its name as a string) orders the catalog after the instance.
        const instanceName =
            args.instance.kind === "owned"
                ? new databricks.DatabaseInstance(
                      `${name}-instance`,
                      {
                          name: args.instance.name,
                          capacity: args.capacity,
                          customTags: keyValueTags(args.tags),
                          purgeOnDelete: !args.protect,
                      },
                      { parent: this, protect: args.protect, retainOnDelete: args.protect, ignoreChanges: LAKEBASE_INPUT_ONLY_FIELDS },
                  ).name
                : pulumi.output(args.instance.name);
        const catalog = new databricks.DatabaseDatabaseCatalog(
            `${name}-catalog`,
            {
                name: args.catalogName,
                databaseInstanceName: instanceName,
                databaseName: args.databaseName,
                createDatabaseIfNotExists: true,
            },
            { parent: this, protect: args.protect, retainOnDelete: args.protect },
        );
        this.instanceName = instanceName;
        this.databaseName = catalog.databaseName;
        this.catalogName = catalog.name;
        this.registerOutputs({ instanceName: this.instanceName, databaseName: this.databaseName, catalogName: this.catalogName });
    }
}
