import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";

/** The managed volumes the solution uses, by name. */
export const VOLUME_NAMES = ["raw_data", "checkpoints", "ml_artifacts", "reports"] as const;
export type VolumeName = (typeof VOLUME_NAMES)[number];

const VOLUME_PURPOSE: Record<VolumeName, string> = {
    raw_data: "Landing zone for raw payment files",
    checkpoints: "Structured Streaming checkpoints of the continuous stream processor",
    ml_artifacts: "Artifacts written by model training",
    reports: "Generated reports and the Genie space configuration",
};

export interface CatalogArgs {
    /** An existing Unity Catalog catalog; the solution owns only its schema. */
    readonly catalogName: string;
    readonly schemaName: string;
    readonly environment: string;
    /** Prod: schema and volumes are protected from `pulumi destroy` and retained if removed from code. */
    readonly protect: boolean;
}

export interface VolumeInfo {
    readonly fullName: pulumi.Output<string>;
    /** `/Volumes/<catalog>/<schema>/<volume>`, the path notebooks write to. */
    readonly path: pulumi.Output<string>;
}

/** The Unity Catalog schema and its managed volumes. Grants live in `UnityCatalogGrants`, one owner per object. */
export class Catalog extends pulumi.ComponentResource {
    readonly catalogName: pulumi.Output<string>;
    readonly schemaName: pulumi.Output<string>;
    /** `<catalog>.<schema>`. */
    readonly fullName: pulumi.Output<string>;
    readonly volumes: Record<VolumeName, VolumeInfo>;

    constructor(name: string, args: CatalogArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:platform:Catalog", name, {}, opts);
        const stateful = { parent: this, protect: args.protect, retainOnDelete: args.protect };
        const schema = new databricks.Schema(
            `${name}-schema`,
            {
                catalogName: args.catalogName,
                name: args.schemaName,
                comment: `Payment Approval Analysis (${args.environment}): bronze and silver tables from the Lakeflow pipelines, gold v_* views, lakehouse tables for the app, and the four models.`,
                // Dev stacks are disposable: destroy removes the tables the pipelines made. Prod never does.
                forceDestroy: !args.protect,
            },
            stateful,
        );
        this.catalogName = schema.catalogName;
        this.schemaName = schema.name;
        this.fullName = pulumi.interpolate`${schema.catalogName}.${schema.name}`;

        const volumes = {} as Record<VolumeName, VolumeInfo>;
        for (const volumeName of VOLUME_NAMES) {
            const volume = new databricks.Volume(
                `${name}-${volumeName.replace(/_/g, "-")}`,
                {
                    catalogName: schema.catalogName,
                    schemaName: schema.name,
                    name: volumeName,
                    volumeType: "MANAGED",
                    comment: VOLUME_PURPOSE[volumeName],
                },
                stateful,
            );
            volumes[volumeName] = {
                fullName: pulumi.interpolate`${volume.catalogName}.${volume.schemaName}.${volume.name}`,
                path: pulumi.interpolate`/Volumes/${volume.catalogName}/${volume.schemaName}/${volume.name}`,
            };
        }
        this.volumes = volumes;
        this.registerOutputs({ catalogName: this.catalogName, schemaName: this.schemaName, fullName: this.fullName });
    }
}
