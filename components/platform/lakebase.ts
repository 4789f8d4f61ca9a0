import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { keyValueTags, Tags } from "../tags";

export interface LakebaseArgs {
    /** Workspace-unique instance name (already stack-scoped by the naming module). */
    readonly instanceName: string;
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
    readonly readWriteDns: pulumi.Output<string>;

    constructor(name: string, args: LakebaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:platform:Lakebase", name, {}, opts);
        const instance = new databricks.DatabaseInstance(
            `${name}-instance`,
            {
                name: args.instanceName,
                capacity: args.capacity,
                customTags: keyValueTags(args.tags),
                purgeOnDelete: !args.protect,
            },
            { parent: this, protect: args.protect, retainOnDelete: args.protect, ignoreChanges: LAKEBASE_INPUT_ONLY_FIELDS },
        );
        // Referencing the instance resource (not its name as a string) orders the catalog after the instance.
        const catalog = new databricks.DatabaseDatabaseCatalog(
            `${name}-catalog`,
            {
                name: args.catalogName,
                databaseInstanceName: instance.name,
                databaseName: args.databaseName,
                createDatabaseIfNotExists: true,
            },
            { parent: this, protect: args.protect, retainOnDelete: args.protect },
        );
        this.instanceName = instance.name;
        this.databaseName = catalog.databaseName;
        this.catalogName = catalog.name;
        this.readWriteDns = instance.readWriteDns;
        this.registerOutputs({ instanceName: this.instanceName, databaseName: this.databaseName, catalogName: this.catalogName });
    }
}
