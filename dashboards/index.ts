/**
 * The thirteen AI/BI dashboards. The key names the template file and the Pulumi resource; the title is the
 * one display name (the stack's naming function decorates it), so the file, the resource and the
 * workspace never disagree about what a dashboard is called.
 */
export interface DashboardEntry {
    readonly key: string;
    /** Repo-relative path of the `.lvdash.json` template. */
    readonly file: string;
    readonly title: string;
}

function entry(key: string, title: string): DashboardEntry {
    return { key, file: `dashboards/${key}.lvdash.json`, title };
}

export const dashboardEntries: readonly DashboardEntry[] = [
    entry("executive_overview", "Executive Overview - Payment Analysis"),
    entry("decline_analysis", "Decline Analysis & Recovery"),
    entry("realtime_monitoring", "Real-Time Payment Monitoring"),
    entry("fraud_risk_analysis", "Fraud & Risk Analysis"),
    entry("merchant_performance", "Merchant Performance & Segmentation"),
    entry("routing_optimization", "Smart Routing & Optimization"),
    entry("daily_trends", "Daily Trends & Historical Analysis"),
    entry("authentication_security", "3DS Authentication & Security Analysis"),
    entry("financial_impact", "Financial Impact & ROI Analysis"),
    entry("performance_latency", "Technical Performance & Latency Analysis"),
    entry("streaming_data_quality", "Streaming & Data Quality"),
    entry("global_coverage", "Global Coverage - World Map by Country"),
    entry("models_and_decisions", "Models and Decisions"),
];

/** The entry for `key`; throws listing the valid keys. */
export function dashboardEntry(key: string): DashboardEntry {
    const found = dashboardEntries.find((candidate) => candidate.key === key);
    if (!found) {
        throw new Error(`unknown dashboard "${key}"; valid keys: ${dashboardEntries.map((e) => e.key).join(", ")}`);
    }
    return found;
}
