/**
 * The thirteen AI/BI dashboards of one stack, rendered from dashboards/*.lvdash.json with the stack's
 * catalog and schema, and published with embedded credentials so viewers need no warehouse access.
 */
import * as databricks from "@pulumi/databricks";
import * as pulumi from "@pulumi/pulumi";
import { prepareDashboards } from "./prepare";

export interface DashboardsArgs {
    readonly warehouseId: pulumi.Input<string>;
    /** The workspace folder the dashboards live in: the stack's workspace folder + `/dashboards`. */
    readonly parentPath: pulumi.Input<string>;
    /** Plain values, not Inputs: they are rendered into the dashboards before any resource is declared. */
    readonly catalog: string;
    readonly schema: string;
    /** e.g. `https://example.cloud.databricks.com`. */
    readonly workspaceUrl: pulumi.Input<string>;
    /** The stack's display-name decoration (naming module), applied to each dashboard's title. */
    readonly displayNameFor: (title: string) => string;
    /**
     * What must exist before the dashboards are published: the views their datasets read and the grants on
     * them. A dashboard published over missing views shows errors to every viewer, and a failed publish
     * makes the provider delete the dashboard.
     */
    readonly after?: pulumi.Input<pulumi.Resource>[];
}

export interface DeployedDashboard {
    readonly id: string;
    /** The title without the stack's decoration, as an operator names it. */
    readonly title: string;
    /** The published view. */
    readonly url: string;
}

export function publishedUrl(workspaceUrl: string, dashboardId: string): string {
    return `${workspaceUrl.replace(/\/+$/, "")}/dashboardsv3/${dashboardId}/published`;
}

export class Dashboards extends pulumi.ComponentResource {
    /** Dashboard key (dashboards/index.ts) to its id and published URL. */
    public readonly dashboards: pulumi.Output<Record<string, DeployedDashboard>>;
    /** Dashboard key to its id, one Output each, for per-dashboard permissions. */
    public readonly ids: Record<string, pulumi.Output<string>> = {};

    constructor(name: string, args: DashboardsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:analytics:Dashboards", name, {}, opts);

        // Throws listing every problem before the first child exists.
        const prepared = prepareDashboards({ catalog: args.catalog, schema: args.schema });

        const entries = prepared.map(({ entry, serialized }) => {
            const dashboard = new databricks.Dashboard(
                `${name}-${entry.key}`,
                {
                    displayName: args.displayNameFor(entry.title),
                    warehouseId: args.warehouseId,
                    parentPath: args.parentPath,
                    serializedDashboard: serialized,
                    embedCredentials: true,
                },
                { parent: this, dependsOn: args.after },
            );
            this.ids[entry.key] = dashboard.id;
            return pulumi
                .all([dashboard.id, args.workspaceUrl])
                .apply(([id, workspaceUrl]): [string, DeployedDashboard] => [entry.key, { id, title: entry.title, url: publishedUrl(workspaceUrl, id) }]);
        });
        this.dashboards = pulumi.all(entries).apply((pairs) => Object.fromEntries(pairs));

        this.registerOutputs({ dashboards: this.dashboards });
    }
}
