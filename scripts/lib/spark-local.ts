/**
 * What the local Spark run (`npm run test:spark`, spark_local/) executes, rendered by the deployment's own
 * code: the SQL files as WorkspaceAssets renders them (renderTemplate over readAssetFiles, in the jobs'
 * order, split by the Spark lexer of checks/), the dashboards as prepareDashboards renders them, the data
 * contract, and the model names the deployment expects back from training. Python only executes this.
 */
import { readAssetFiles } from "../../components/assets";
import { JOB_DEFINITIONS } from "../../components/data/job-catalog";
import { ALERT_DEFINITIONS } from "../../components/analytics/alert-catalog";
import type { StackConfig } from "../../components/config";
import { prepareDashboards } from "../../components/analytics/prepare";
import { renderTemplate } from "../../components/templating";
import { sqlTemplateValues } from "../../components/platform/sql-template-values";
import { modelFullName, SERVED_MODELS } from "../../components/serving/models";
import { splitStatements } from "../../checks/sql-statements";
import { datasets } from "../../contract";
import { ALL_SQL_FILES, GOLD_VIEWS_SQL, SQL_DIR } from "../../contract/sql-files";
import { NOTEBOOKS } from "../../notebooks/requirements";

/** Widget types that draw values: a dataset behind one must return rows, or the widget is empty. */
export const ROW_WIDGETS: readonly string[] = ["counter", "bar", "line", "area", "pie", "scatter", "histogram", "heatmap", "combo"];

export interface SparkManifest {
    readonly catalog: string;
    readonly schema: string;
    readonly rowWidgets: readonly string[];
    readonly sqlFiles: readonly { file: string; statements: readonly { line: number; text: string }[] }[];
    readonly dashboards: readonly {
        file: string;
        datasets: readonly { name: string; displayName: string; query: string; widgetTypes: readonly string[] }[];
    }[];
    readonly contract: readonly { name: string; kind: string; producer: string; columns: readonly { name: string; type: string; nullable: boolean }[] }[];
    readonly models: readonly string[];
    /** The SQL alerts as deployed: rendered query, compared column, operator and the stack's threshold. */
    readonly alerts: readonly RenderedAlert[];
    /**
     * A second schema where a deliberately bad hour is injected into a copy of silver: the gold views and the
     * alerts rendered for it by the same code, so the run can show that every alert fires on a real drop.
     */
    readonly alertProbe: { readonly schema: string; readonly goldViews: readonly { line: number; text: string }[]; readonly alerts: readonly RenderedAlert[] };
    /** pip requirements per notebook (notebooks/requirements.ts), checked against the local environment. */
    readonly notebookPackages: Readonly<Record<string, readonly string[]>>;
    /** The widget values a notebook job fixes (components/data/job-catalog.ts), per notebook the run executes as its job does. */
    readonly jobWidgets: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Notebooks the local run executes with the widget values their job fixes (for training, the row threshold too). */
const JOB_NOTEBOOKS: readonly string[] = ["continuous_processor", "train_models"];

export interface RenderedAlert {
    readonly key: string;
    readonly query: string;
    readonly column: string;
    readonly operator: string;
    readonly threshold: number;
}

interface LakeviewWidget {
    queries?: { query?: { datasetName?: string } }[];
    spec?: { widgetType?: string };
}

interface LakeviewDashboard {
    datasets: { name: string; displayName?: string; queryLines?: string[]; query?: string }[];
    pages: { layout: { widget: LakeviewWidget }[] }[];
}

export function buildSparkManifest(repoRoot: string, catalog: string, schema: string, alertThresholds: StackConfig["alerts"]): SparkManifest {
    const assets = readAssetFiles(repoRoot);
    const templates = assets.sqlTemplates;
    const bySource = new Map(templates.map((file) => [file.source, file]));
    const unlisted = templates.filter((file) => !ALL_SQL_FILES.some((name) => `${SQL_DIR}/${name}` === file.source));
    if (unlisted.length > 0) throw new Error(`SQL files no job runs: ${unlisted.map((file) => file.source).join(", ")}`);
    const renderSqlFile = (name: string, target: string): { line: number; text: string }[] => {
        const file = bySource.get(`${SQL_DIR}/${name}`);
        if (!file) throw new Error(`contract/sql-files.ts lists ${name}, but ${SQL_DIR}/${name} does not exist`);
        const rendered = renderTemplate(file.content, sqlTemplateValues({ catalog, schema: target }, alertThresholds), file.source);
        return splitStatements(rendered).map((statement) => ({ line: statement.line, text: statement.text }));
    };
    const sqlFiles = ALL_SQL_FILES.map((name) => ({ file: `${SQL_DIR}/${name}`, statements: renderSqlFile(name, schema) }));
    const renderAlerts = (target: string): RenderedAlert[] =>
        ALERT_DEFINITIONS.map((alert) => {
            const file = assets.alertQueries.find((query) => query.name === alert.key);
            if (!file) throw new Error(`alert ${alert.key} has no query file sql/alerts/${alert.key}.sql`);
            return {
                key: alert.key,
                query: renderTemplate(file.content, sqlTemplateValues({ catalog, schema: target }, alertThresholds), file.source),
                column: alert.column,
                operator: alert.operator,
                threshold: alert.threshold(alertThresholds),
            };
        });
    const probeSchema = `${schema}_alert_probe`;

    const dashboards = prepareDashboards({ catalog, schema }).map((prepared) => {
        const parsed = JSON.parse(prepared.serialized) as LakeviewDashboard;
        const widgetTypes = new Map<string, string[]>();
        for (const page of parsed.pages) {
            for (const { widget } of page.layout) {
                const type = widget.spec?.widgetType;
                for (const query of widget.queries ?? []) {
                    const name = query.query?.datasetName;
                    if (name === undefined || type === undefined) continue;
                    widgetTypes.set(name, [...(widgetTypes.get(name) ?? []), type]);
                }
            }
        }
        return {
            file: prepared.entry.file,
            datasets: parsed.datasets.map((dataset) => ({
                name: dataset.name,
                displayName: dataset.displayName ?? dataset.name,
                query: dataset.queryLines !== undefined ? dataset.queryLines.join("") : (dataset.query ?? ""),
                widgetTypes: widgetTypes.get(dataset.name) ?? [],
            })),
        };
    });

    return {
        catalog,
        schema,
        rowWidgets: ROW_WIDGETS,
        sqlFiles,
        dashboards,
        contract: datasets.map((dataset) => ({
            name: dataset.name,
            kind: dataset.kind,
            producer: dataset.producer.path,
            columns: dataset.columns.map((column) => ({ name: column.name, type: column.type, nullable: column.nullable ?? true })),
        })),
        models: SERVED_MODELS.map((model) => modelFullName(catalog, schema, model.model)),
        alerts: renderAlerts(schema),
        alertProbe: { schema: probeSchema, goldViews: renderSqlFile(GOLD_VIEWS_SQL, probeSchema), alerts: renderAlerts(probeSchema) },
        notebookPackages: Object.fromEntries(NOTEBOOKS.map((notebook) => [notebook.name, notebook.packages])),
        jobWidgets: Object.fromEntries(JOB_NOTEBOOKS.map((notebook) => [notebook, notebookJobWidgets(notebook)])),
    };
}

function notebookJobWidgets(notebook: string): Record<string, string> {
    const job = JOB_DEFINITIONS.find((definition) => definition.kind === "notebook" && definition.notebook === notebook);
    if (job === undefined || job.kind !== "notebook") throw new Error(`no notebook job in components/data/job-catalog.ts runs notebooks/${notebook}.py`);
    return { ...(job.fixedParameters ?? {}) };
}
