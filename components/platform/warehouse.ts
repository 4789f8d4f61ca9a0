import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { keyValueTags, Tags } from "../tags";

export interface WarehouseArgs {
    readonly displayName: string;
    readonly size: string;
    readonly warehouseType: "PRO" | "CLASSIC";
    readonly serverless: boolean;
    readonly autoStopMinutes: number;
    readonly tags: Tags;
}

/** The SQL warehouse that dashboards, SQL tasks, agents and the app query through. */
export class Warehouse extends pulumi.ComponentResource {
    readonly id: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    readonly jdbcUrl: pulumi.Output<string>;

    constructor(name: string, args: WarehouseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:platform:Warehouse", name, {}, opts);
        const endpoint = new databricks.SqlEndpoint(
            name,
            {
                name: args.displayName,
                clusterSize: args.size,
                warehouseType: args.warehouseType,
                enableServerlessCompute: args.serverless,
                autoStopMins: args.autoStopMinutes,
                minNumClusters: 1,
                maxNumClusters: 1,
                tags: { customTags: keyValueTags({ ...args.tags, domain: "payment-analytics" }) },
            },
            { parent: this },
        );
        this.id = endpoint.id;
        this.name = endpoint.name;
        this.jdbcUrl = endpoint.jdbcUrl;
        this.registerOutputs({ id: this.id, name: this.name, jdbcUrl: this.jdbcUrl });
    }
}
