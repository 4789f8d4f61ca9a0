import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { AssetFile, AssetFiles, contentHash, importsModule, treeHash } from "../assets";
import { renderTemplate, TemplateValues } from "../templating";

export interface WorkspaceAssetsArgs {
    /** The stack's workspace folder, as a workspace path (`/Users/<me>/payment-analysis/dev`). */
    readonly folder: pulumi.Input<string>;
    readonly files: AssetFiles;
    /** Values for the `{{...}}` placeholders of the SQL templates (catalog, schema). */
    readonly templateValues: TemplateValues;
}

export interface UploadedAsset {
    /** Workspace path to give a job task or pipeline library. */
    readonly path: pulumi.Output<string>;
    /** SHA-256 of exactly what was uploaded: a run that uses the asset re-runs when this changes. */
    readonly contentHash: string;
}

/**
 * Uploads `notebooks/` as Python notebooks, the Python modules they import as workspace files beside them (a
 * job's notebook runs in its own folder, which is on `sys.path`; a pipeline's root path is that folder), and
 * `sql/` (rendered for the stack) as workspace files under the stack's folder. Content goes in as base64 of the
 * file, so an unchanged file never updates. Every other component takes its workspace paths from here.
 */
export class WorkspaceAssets extends pulumi.ComponentResource {
    readonly folder: pulumi.Output<string>;
    readonly dashboardsFolder: pulumi.Output<string>;
    /** The app's uploaded source folder; its path resolves only after every file is uploaded. */
    readonly appSource: UploadedAsset;
    private readonly notebooks = new Map<string, UploadedAsset>();
    private readonly sqlFiles = new Map<string, UploadedAsset>();

    constructor(name: string, args: WorkspaceAssetsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:platform:WorkspaceAssets", name, {}, opts);
        // Render first: a template with an unknown placeholder fails before any child is registered.
        const renderedSql = args.files.sqlTemplates.map((file) => ({ ...file, content: renderTemplate(file.content, args.templateValues, file.source) }));

        const directory = (suffix: string, path: pulumi.Input<string>) =>
            new databricks.Directory(`${name}-${suffix}`, { path, deleteRecursive: true }, { parent: this });
        const root = directory("root", args.folder);
        const notebookDir = directory("notebooks", pulumi.interpolate`${root.path}/notebooks`);
        const sqlDir = directory("sql", pulumi.interpolate`${root.path}/sql`);
        const dashboardsDir = directory("dashboards", pulumi.interpolate`${root.path}/dashboards`);

        const modules = args.files.notebookModules.map((file) => {
            const uploaded = new databricks.WorkspaceFile(
                `${name}-module-${file.name.replace(/[^A-Za-z0-9_.-]/g, "-")}`,
                { path: pulumi.interpolate`${notebookDir.path}/${file.name}`, contentBase64: base64(file) },
                { parent: this },
            );
            return { file, path: uploaded.path };
        });
        for (const file of args.files.notebooks) {
            // A notebook runs with the modules it imports: its hash covers them, and its path resolves only once they are uploaded.
            const imported = modules.filter((module) => importsModule(file.content, module.file.name.replace(/\.py$/, "")));
            const notebook = new databricks.Notebook(
                `${name}-notebook-${file.name}`,
                {
                    path: pulumi.interpolate`${notebookDir.path}/${file.name}`,
                    language: "PYTHON",
                    format: "SOURCE",
                    contentBase64: base64(file),
                },
                { parent: this },
            );
            this.notebooks.set(file.name, {
                path: pulumi.all([notebook.path, ...imported.map((module) => module.path)]).apply(([path]) => path),
                contentHash: imported.length === 0 ? contentHash(file.content) : treeHash([file, ...imported.map((module) => module.file)]),
            });
        }
        for (const file of renderedSql) {
            const uploaded = new databricks.WorkspaceFile(
                `${name}-sql-${file.name}`,
                { path: pulumi.interpolate`${sqlDir.path}/${file.name}.sql`, contentBase64: base64(file) },
                { parent: this },
            );
            this.sqlFiles.set(file.name, { path: uploaded.path, contentHash: contentHash(file.content) });
        }
        const appDir = directory("app", pulumi.interpolate`${root.path}/app`);
        const appUploads = args.files.appFiles.map(
            (file) =>
                new databricks.WorkspaceFile(
                    `${name}-app-${file.name.replace(/[^A-Za-z0-9_.-]/g, "-")}`,
                    { path: pulumi.interpolate`${appDir.path}/${file.name}`, contentBase64: base64(file) },
                    { parent: this },
                ),
        );
        this.appSource = {
            path: pulumi.all([appDir.path, ...appUploads.map((upload) => upload.path)]).apply(([dir]) => dir),
            contentHash: treeHash(args.files.appFiles),
        };
        this.folder = root.path;
        this.dashboardsFolder = dashboardsDir.path;
        this.registerOutputs({
            folder: this.folder,
            notebooks: Object.fromEntries([...this.notebooks].map(([key, asset]) => [key, asset.path])),
            modules: modules.map((module) => module.path),
            sqlFiles: Object.fromEntries([...this.sqlFiles].map(([key, asset]) => [key, asset.path])),
        });
    }

    /** The uploaded notebook `name` (file name without `.py`); throws listing the notebooks that exist. */
    notebook(name: string): UploadedAsset {
        return lookup(this.notebooks, name, "notebook", "notebooks/");
    }

    /** The uploaded, rendered SQL file `name` (without `.sql`); throws listing the files that exist. */
    sqlFile(name: string): UploadedAsset {
        return lookup(this.sqlFiles, name, "SQL file", "sql/");
    }
}

function base64(file: AssetFile): string {
    return Buffer.from(file.content, "utf8").toString("base64");
}

function lookup(assets: Map<string, UploadedAsset>, name: string, kind: string, dir: string): UploadedAsset {
    const asset = assets.get(name);
    if (!asset) {
        throw new Error(`WorkspaceAssets: no ${kind} "${name}" in ${dir}; available: ${[...assets.keys()].join(", ") || "none"}`);
    }
    return asset;
}
