import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { AssetFile } from "../assets";
import type { StackConfig } from "../config";
import { renderTemplate } from "../templating";
import { sqlTemplateValues } from "../platform/sql-template-values";
import { ALERT_DEFINITIONS, alertSpec } from "./alert-catalog";

export interface SqlAlertsArgs {
    readonly config: StackConfig;
    readonly displayName: (title: string) => string;
    /** `sql/alerts/*.sql`, rendered here for the stack's catalog and schema. */
    readonly queries: readonly AssetFile[];
    readonly warehouseId: pulumi.Input<string>;
    readonly parentPath: pulumi.Input<string>;
}

/**
 * Approval-rate drop, decline spike and latency p95 as SQL alerts on the stack's warehouse, with the
 * thresholds and subscribers of the stack's config; paused where schedules are paused, run as the
 * service principal in prod.
 */
export class SqlAlerts extends pulumi.ComponentResource {
    readonly ids: Record<string, pulumi.Output<string>> = {};

    constructor(name: string, args: SqlAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:analytics:SqlAlerts", name, {}, opts);
        const byName = new Map(args.queries.map((file) => [file.name, file]));
        const missing = ALERT_DEFINITIONS.filter((definition) => !byName.has(definition.key)).map((definition) => `sql/alerts/${definition.key}.sql`);
        if (missing.length > 0) throw new Error(`SqlAlerts: no query file ${missing.join(", ")}; alert queries are ${[...byName.keys()].join(", ") || "(none)"}`);
        const { config } = args;
        for (const definition of ALERT_DEFINITIONS) {
            const file = byName.get(definition.key) as AssetFile;
            const alert = new databricks.AlertV2(
                `${name}-${definition.key.replace(/_/g, "-")}`,
                alertSpec(definition, {
                    displayName: args.displayName,
                    queryText: renderTemplate(file.content, sqlTemplateValues(config, config.alerts), file.source),
                    warehouseId: args.warehouseId,
                    parentPath: args.parentPath,
                    alerts: config.alerts,
                    paused: config.schedulesPaused,
                    runAsServicePrincipal: config.isProd ? config.access.runAsServicePrincipal : undefined,
                }),
                { parent: this },
            );
            this.ids[definition.key] = alert.id;
        }
        this.registerOutputs({ ids: this.ids });
    }
}
