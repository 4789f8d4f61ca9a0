import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@databricks/appkit-ui/react";
import { format, Loading, Problem, RowsTable, Section, useApi } from "../ui";

interface DashboardData {
    kpis: Record<string, unknown> | null;
    trends: Record<string, unknown>[] | null;
    features: Record<string, unknown>[] | null;
    decisions: Record<string, unknown>[] | null;
    dashboards: { key: string; title: string; url: string }[];
    catalog: string;
    schema: string;
}

const KPIS: [string, string, (v: unknown) => string][] = [
    ["total_transactions", "Transactions", format],
    ["approval_rate_pct", "Approval rate", (v) => (typeof v === "number" ? `${v.toFixed(1)}%` : format(v))],
    ["declined_count", "Declined", format],
    ["total_transaction_value", "Value", (v) => (typeof v === "number" ? `$${Math.round(v).toLocaleString("en-US")}` : format(v))],
    ["avg_fraud_score", "Avg fraud score", format],
    ["unique_merchants", "Merchants", format],
];

export function DashboardPage() {
    const { data, error, loading } = useApi<DashboardData>("/dashboard");
    if (loading && !data) return <Loading />;
    return (
        <div>
            {error && <Problem message={error} />}
            {data?.kpis && (
                <div className="grid grid-cols-3 gap-4 mb-4" data-testid="kpis">
                    {KPIS.map(([key, label, show]) => (
                        <Card key={key}>
                            <CardHeader>
                                <CardDescription>{label}</CardDescription>
                                <CardTitle className="text-2xl">{show(data.kpis?.[key])}</CardTitle>
                            </CardHeader>
                        </Card>
                    ))}
                </div>
            )}
            {data?.trends && (
                <Section title="Approval rate, last 30 days" testId="trends">
                    <Trend rows={data.trends} />
                </Section>
            )}
            {data?.decisions && (
                <Section title="Latest decisions">
                    <RowsTable rows={data.decisions} empty="No decisions yet." />
                </Section>
            )}
            {data?.features && (
                <Section title="Online features">
                    <RowsTable rows={data.features} empty="No online features in the last 24 hours." />
                </Section>
            )}
            {data && (
                <Card data-testid="dashboard-links">
                    <CardHeader>
                        <CardTitle>Published AI/BI dashboards</CardTitle>
                        <CardDescription>
                            Of {data.catalog}.{data.schema}; each opens in the workspace with your own access.
                        </CardDescription>
                    </CardHeader>
                    <CardContent>
                        {data.dashboards.length === 0 ? (
                            <p className="text-muted-foreground">This stack has no published dashboards yet.</p>
                        ) : (
                            <ul className="grid grid-cols-2 gap-x-6 gap-y-1 md:grid-cols-3">
                                {data.dashboards.map((d) => (
                                    <li key={d.key}>
                                        <a className="underline" href={d.url} target="_blank" rel="noreferrer" data-dashboard={d.key}>
                                            {d.title}
                                        </a>
                                    </li>
                                ))}
                            </ul>
                        )}
                    </CardContent>
                </Card>
            )}
        </div>
    );
}

/** Approval rate per day as a bar strip: oldest on the left. */
function Trend({ rows }: { rows: Record<string, unknown>[] }) {
    const days = [...rows].reverse();
    if (days.length === 0) return <p className="text-muted-foreground">No daily data yet.</p>;
    return (
        <div className="flex items-end gap-1 h-32" aria-label="approval rate per day">
            {days.map((row) => {
                const rate = Number(row["approval_rate"]);
                const pct = rate <= 1 ? rate * 100 : rate;
                return <div key={String(row["event_date"])} title={`${row["event_date"]}: ${pct.toFixed(1)}%`} className="bg-primary flex-1" style={{ height: `${Math.max(2, pct)}%` }} />;
            })}
        </div>
    );
}
