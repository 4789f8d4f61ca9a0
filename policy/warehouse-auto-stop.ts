import * as databricks from "@pulumi/databricks";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";

export const DEFAULT_MAX_AUTO_STOP_MINUTES = 60;

interface WarehouseAutoStopConfig {
    maxAutoStopMinutes?: unknown;
}

// The engine validates pack config against configSchema, but getConfig()
// returns {} when no config is given and the raw object in unit tests, so the
// default and the bounds are enforced here too.
export function maxAutoStopMinutesFrom(config: WarehouseAutoStopConfig): number {
    const bound = config.maxAutoStopMinutes;
    if (bound === undefined) {
        return DEFAULT_MAX_AUTO_STOP_MINUTES;
    }
    if (typeof bound !== "number" || !Number.isInteger(bound) || bound < 1) {
        throw new Error(`Policy config "warehouse-auto-stop.maxAutoStopMinutes" must be an integer of at least 1 (minutes); got ${JSON.stringify(bound)}.`);
    }
    return bound;
}

export const warehouseAutoStop: ResourceValidationPolicy = {
    name: "warehouse-auto-stop",
    description: "SQL warehouses stop themselves when idle, within a configured number of minutes.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "Set autoStopMins on the SqlEndpoint to a value between 1 and the configured maximum (default 60).",
    configSchema: {
        properties: {
            maxAutoStopMinutes: {
                type: "integer",
                minimum: 1,
                default: DEFAULT_MAX_AUTO_STOP_MINUTES,
                description: "Longest idle time, in minutes, before a warehouse must stop.",
            },
        },
    },
    validateResource: validateResourceOfType(databricks.SqlEndpoint, (warehouse, args, reportViolation) => {
        const maxMinutes = maxAutoStopMinutesFrom(args.getConfig<WarehouseAutoStopConfig>());
        const autoStopMins = warehouse.autoStopMins;
        if (autoStopMins === undefined || autoStopMins === null) {
            // The Databricks API default is 120 minutes, above any sensible bound.
            reportViolation(`autoStopMins is not set, so Databricks applies its default of 120 minutes; set it between 1 and ${maxMinutes}.`);
        } else if (autoStopMins <= 0) {
            reportViolation(`autoStopMins is ${autoStopMins}: 0 means the warehouse never stops; set it between 1 and ${maxMinutes}.`);
        } else if (autoStopMins > maxMinutes) {
            reportViolation(`autoStopMins is ${autoStopMins}, above the allowed maximum of ${maxMinutes} minutes.`);
        }
    }),
};
