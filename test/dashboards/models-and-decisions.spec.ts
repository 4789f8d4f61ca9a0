/**
 * Issue 14 item 1: the "Models and decisions" dashboard answers its four questions from the contract's
 * decision tables. The general cross-checks already prove every query and field resolves; these rules say
 * what this dashboard must read and show, and that its rates stay right when a filter drops rows.
 */
import { strict as assert } from "assert";
import { datasetSql } from "../../checks/dashboards";
import type { LakeviewDashboard } from "../../checks/lakeview-schema";
import { analyzeQuery, SAMPLE_TEMPLATE_VALUES } from "../../checks/sql";
import { datasetByName } from "../../contract";
import { renderDashboard } from "../../components/analytics/render";
import { templates } from "./templates";

const FILE = "dashboards/models_and_decisions.lvdash.json";

/** The contract tables issue 14 names as this dashboard's sources. */
const SOURCE_TABLES = [
    "approval_recommendations",
    "decision_log_silver",
    "smart_checkout_decisions_silver",
    "reason_code_taxonomy_silver",
    "merchant_visible_attempts_silver",
];

function template(): string {
    const found = templates.find((t) => t.entry.file === FILE);
    assert.ok(found, `${FILE} is not registered in dashboards/index.ts`);
    return found.text;
}

function rendered(text: string): LakeviewDashboard {
    return JSON.parse(renderDashboard(text, SAMPLE_TEMPLATE_VALUES, FILE)) as LakeviewDashboard;
}

/** Source tables no dataset reads, by the SQL checker's own account of each query. */
function unreadSourceTables(dashboard: LakeviewDashboard): string[] {
    const read = new Set(dashboard.datasets.flatMap((d) => analyzeQuery(datasetSql(d), `${FILE} > dataset "${d.name}"`).tables));
    return SOURCE_TABLES.filter((table) => !read.has(table));
}

interface ShownField {
    readonly where: string;
    readonly expression: string;
}

/** Every field a chart or counter computes (filters excluded: they select, they do not show). */
function shownFields(dashboard: LakeviewDashboard): ShownField[] {
    return dashboard.pages.flatMap((page) =>
        (page.layout ?? [])
            .filter(({ widget }) => widget.spec !== undefined && !widget.spec.widgetType.startsWith("filter-"))
            .flatMap(({ widget }) =>
                (widget.queries ?? []).flatMap((q, i) =>
                    (q.query.fields ?? []).map((f, j) => ({
                        where: `${FILE}: page "${page.name}" > widget "${widget.name}" > queries[${i}].query.fields[${j}]`,
                        expression: f.expression,
                    })),
                ),
            ),
    );
}

/**
 * The datasets return one row per decision with 0/100 indicator columns named *_pct, so that a filter
 * which drops rows leaves a correct rate. Only their average is a rate; a sum or a bare column is not.
 */
function ratesNotAveraged(dashboard: LakeviewDashboard): string[] {
    return shownFields(dashboard)
        .filter(({ expression }) => /`[^`]*_pct`/.test(expression) && !/^AVG\(`[^`]+_pct`\)$/.test(expression))
        .map(({ where, expression }) => `${where}: ${expression} shows a 0/100 indicator; only AVG(...) of it is a rate`);
}

/**
 * The SQL checker resolves columns but not the fields of a struct column, so `decision_response.risk_teir`
 * would pass it; this reads every `<struct column>.<field>` the datasets write against the contract's type.
 */
function unknownStructFields(dashboard: LakeviewDashboard): string[] {
    const structs = datasetByName("decision_log_silver").columns.filter((c) => c.type.startsWith("struct<"));
    const problems: string[] = [];
    for (const dataset of dashboard.datasets) {
        const sql = datasetSql(dataset).replace(/--[^\n]*/g, "");
        for (const column of structs) {
            const fields = [...column.type.matchAll(/(\w+):/g)].map((m) => m[1]);
            for (const match of sql.matchAll(new RegExp(`\\b${column.name}\\.(\\w+)`, "g"))) {
                if (!fields.includes(match[1])) {
                    problems.push(`${FILE} > dataset "${dataset.name}": ${column.name} has no field "${match[1]}"; its fields: ${fields.join(", ")}`);
                }
            }
        }
    }
    return problems;
}

describe("Models and decisions dashboard", () => {
    it("reads only fields the contract's decision structs have", () => {
        assert.deepEqual(unknownStructFields(rendered(template())), []);
    });

    it("names a misspelt struct field with its dataset", () => {
        const text = template().replace("decision_response.risk_tier AS risk_tier,", "decision_response.risk_teir AS risk_tier,");
        assert.deepEqual(unknownStructFields(rendered(text)), [
            `${FILE} > dataset "risk_vs_fraud": decision_response has no field "risk_teir"; its fields: recommended_path, risk_tier`,
        ]);
    });

    it("reads every contract table issue 14 names", () => {
        assert.deepEqual(unreadSourceTables(rendered(template())), []);
    });

    it("names a source table no dataset reads", () => {
        const dashboard = rendered(template());
        const withoutRecommendations = { ...dashboard, datasets: dashboard.datasets.filter((d) => !datasetSql(d).includes("approval_recommendations")) };
        assert.deepEqual(unreadSourceTables(withoutRecommendations), ["approval_recommendations"]);
    });

    it("shows each of its four questions: volume and outcome per engine, route uplift, retry recovery, risk against fraud", () => {
        const shown = shownFields(rendered(template())).map((f) => f.expression);
        for (const needed of ["`decision_engine`", "`route_taken`", "AVG(`recovered_pct`)", "`fraud_outcome`", "AVG(`approved_pct`)"]) {
            assert.ok(shown.includes(needed), `no chart or counter shows ${needed}; shown: ${shown.join(", ")}`);
        }
    });

    it("shows rates only as averages of the per-row indicators", () => {
        assert.deepEqual(ratesNotAveraged(rendered(template())), []);
    });

    it("reports a summed indicator with the file and JSON path", () => {
        const text = template().replace("AVG(`recovered_pct`)", "SUM(`recovered_pct`)");
        const problems = ratesNotAveraged(rendered(text));
        assert.equal(problems.length, 1, problems.join("\n"));
        assert.match(problems[0], /^dashboards\/models_and_decisions\.lvdash\.json: page "models_and_decisions" > widget "[a-z_]+" > queries\[0\]\.query\.fields\[0\]: SUM\(`recovered_pct`\)/);
    });
});
