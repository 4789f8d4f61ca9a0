/**
 * The values every SQL template of sql/ (the jobs' files and the alert queries) is rendered with, per stack:
 * where the objects live, and the one alert threshold the gold views share with the SQL alerts, so the
 * dashboards' active alerts and the notifications fire at the same approval rate.
 */
import type { StackConfig } from "../config";
import type { TemplateValues } from "../templating";

export function sqlTemplateValues(target: { readonly catalog: string; readonly schema: string }, alerts: StackConfig["alerts"]): TemplateValues {
    return { catalog: target.catalog, schema: target.schema, approval_rate_alert_min_percent: String(alerts.approvalRateMinPercent) };
}
