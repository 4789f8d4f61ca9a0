/** A small dashboard for the preview's unit tests: one dataset on a contract view, widgets added per test. */
import type { PreviewDashboard, PreviewPage, PreviewWidget } from "../../scripts/preview/dashboard-shape";

export const DATASET_SQL = "SELECT country, approval_rate_pct, transaction_count FROM {{catalog}}.{{schema}}.v_performance_by_geography";

export function barWidget(overrides: { name?: string; yField?: string; widgetType?: string } = {}): PreviewWidget {
    return {
        name: overrides.name ?? "approval_by_country",
        queries: [
            {
                name: "main_query",
                datasetName: "geo",
                disaggregated: false,
                fields: [
                    { name: "country", expression: "`country`" },
                    { name: "avg(approval_rate_pct)", expression: "AVG(`approval_rate_pct`)" },
                ],
            },
        ],
        spec: {
            version: 3,
            widgetType: overrides.widgetType ?? "bar",
            frame: { showTitle: true, title: "Approval by country" },
            encodings: {
                x: { fieldName: "country", displayName: "Country", scale: { type: "categorical", sort: { by: "y-reversed" } } },
                y: { fieldName: overrides.yField ?? "avg(approval_rate_pct)", displayName: "Approval rate (%)", scale: { type: "quantitative" } },
            },
        },
    };
}

export function pageWith(widgets: readonly PreviewWidget[], layoutVersion: string | undefined = "GRID_V1"): PreviewPage {
    return {
        name: "main",
        displayName: "Main",
        layoutVersion,
        layout: widgets.map((widget, i) => ({ widget, position: { x: 0, y: i * 6, width: 6, height: 6 } })),
    };
}

export function dashboardWith(page: PreviewPage): PreviewDashboard {
    return { key: "fixture", datasets: [{ name: "geo", sql: DATASET_SQL }], pages: [page] };
}
