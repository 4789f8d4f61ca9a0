/**
 * A small valid dashboard (format doc section 12 shape) that each failing-case test mutates once, and a
 * stand-in SQL analyzer for rules that do not depend on the real grammar.
 */
import type { DatasetAnalysis, DatasetAnalyzer } from "../../checks/dashboards";
import type { LakeviewDashboard } from "../../checks/lakeview-schema";

export function validDashboard(): LakeviewDashboard {
    return {
        datasets: [
            {
                name: "sales",
                displayName: "Sales",
                queryLines: ["SELECT order_date, region, amount\n", "FROM cat.sch.orders"],
            },
        ],
        pages: [
            {
                name: "overview",
                displayName: "Overview",
                pageType: "PAGE_TYPE_CANVAS",
                layoutVersion: "GRID_V1",
                layout: [
                    {
                        position: { x: 0, y: 0, width: 12, height: 1 },
                        widget: { name: "title", multilineTextboxSpec: { lines: ["# Sales"] } },
                    },
                    {
                        position: { x: 0, y: 1, width: 3, height: 3 },
                        widget: {
                            name: "kpi_total",
                            queries: [
                                {
                                    name: "main_query",
                                    query: { datasetName: "sales", disaggregated: false, fields: [{ name: "sum(amount)", expression: "SUM(`amount`)" }] },
                                },
                            ],
                            spec: {
                                version: 2,
                                widgetType: "counter",
                                frame: { showTitle: true, title: "Revenue" },
                                encodings: { value: { fieldName: "sum(amount)", displayName: "Revenue" } },
                            },
                        },
                    },
                    {
                        position: { x: 3, y: 1, width: 9, height: 6 },
                        widget: {
                            name: "rev_by_day",
                            queries: [
                                {
                                    name: "main_query",
                                    query: {
                                        datasetName: "sales",
                                        disaggregated: false,
                                        fields: [
                                            { name: "daily(order_date)", expression: 'DATE_TRUNC("DAY", `order_date`)' },
                                            { name: "region", expression: "`region`" },
                                            { name: "sum(amount)", expression: "SUM(`amount`)" },
                                        ],
                                    },
                                },
                            ],
                            spec: {
                                version: 3,
                                widgetType: "bar",
                                frame: { showTitle: true, title: "Revenue by day" },
                                encodings: {
                                    x: { fieldName: "daily(order_date)", scale: { type: "temporal" }, displayName: "Day" },
                                    y: { fieldName: "sum(amount)", scale: { type: "quantitative" }, displayName: "Revenue" },
                                    color: { fieldName: "region", scale: { type: "categorical" }, displayName: "Region" },
                                },
                            },
                        },
                    },
                ],
            },
        ],
    };
}

/** Reads `SELECT a, b AS c FROM t` well enough for the fixture; the real grammar is tested in sql.spec.ts. */
export const fixtureAnalyzer: DatasetAnalyzer = (sql: string): DatasetAnalysis => {
    const select = /SELECT\s+([\s\S]*?)\s+FROM\s+(\S+)/i.exec(sql);
    if (!select) return { tables: [], outputColumns: [], problems: ["fixture analyzer: no SELECT ... FROM"] };
    const outputColumns = select[1].split(",").map((item) => item.trim().split(/\s+/).pop() as string);
    // Like the real analyzer: contract tables by unqualified name.
    return { tables: [select[2].split(".").pop() as string], outputColumns, problems: [] };
};

/** A deep copy to mutate in one test without touching the others. */
export function clone<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}
