import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { StackConfig } from "../config";
import type { StackNames } from "../naming";
import type { Catalog } from "../platform/catalog";
import type { AssetPaths } from "./job-spec";
import { hashOfInputs } from "./input-hash";
import { PIPELINE_DEFINITIONS, PipelineDefinition, pipelineSpec } from "./pipeline-spec";

export interface PipelinesArgs {
    readonly config: StackConfig;
    readonly names: StackNames;
    readonly catalog: Catalog;
    readonly assets: AssetPaths;
    /** What must exist before a pipeline starts: the landing table its first update reads. */
    readonly after?: pulumi.Input<pulumi.Resource>[];
    /** The stack's budget policy, when spend is attributed per stack. */
    readonly budgetPolicyId?: pulumi.Input<string>;
}

export interface DeployedPipeline {
    readonly definition: PipelineDefinition;
    readonly id: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;
    /** Hash of the pipeline's notebooks' content and its spec: what an update would run. */
    readonly updateInputsHash: pulumi.Output<string>;
}

/** The ETL (bronze + silver) and real-time pipelines, serverless, publishing into the stack's schema. */
export class Pipelines extends pulumi.ComponentResource {
    private readonly byKey = new Map<string, DeployedPipeline>();

    constructor(name: string, args: PipelinesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:data:Pipelines", name, {}, opts);
        const { config } = args;
        const specs = PIPELINE_DEFINITIONS.map((definition) => ({
            definition,
            spec: pipelineSpec(definition, {
                displayName: (title) => args.names.display(title),
                catalog: args.catalog.catalogName,
                schema: args.catalog.schemaName,
                notebookPath: (notebook) => args.assets.notebook(notebook).path,
                rootPath: pulumi.output(args.assets.notebook(definition.notebooks[0]).path).apply((path) => path.slice(0, path.lastIndexOf("/"))),
                mode: config.pipelineMode,
                tags: config.tags,
                runAsServicePrincipal: config.isProd ? config.access.runAsServicePrincipal : undefined,
                budgetPolicyId: args.budgetPolicyId,
            }),
        }));
        for (const { definition, spec } of specs) {
            // Deleting a pipeline deletes the tables it publishes, so prod pipelines are protected like the data.
            const pipeline = new databricks.Pipeline(`${name}-${definition.key}`, spec, { parent: this, protect: config.protectData, dependsOn: args.after });
            const contentHashes = definition.notebooks.map((notebook) => args.assets.notebook(notebook).contentHash);
            this.byKey.set(definition.key, {
                definition,
                id: pipeline.id,
                url: pipeline.url,
                updateInputsHash: hashOfInputs({ contentHashes, libraries: spec.libraries, configuration: spec.configuration, catalog: spec.catalog, schema: spec.schema }),
            });
        }
        this.registerOutputs({ pipelines: this.outputs() });
    }

    pipeline(key: string): DeployedPipeline {
        const found = this.byKey.get(key);
        if (!found) throw new Error(`Pipelines: no pipeline "${key}"; pipelines are ${[...this.byKey.keys()].join(", ")}`);
        return found;
    }

    /** Stack output shape: key -> { id, url }. */
    outputs(): Record<string, { id: pulumi.Output<string>; url: pulumi.Output<string> }> {
        return Object.fromEntries([...this.byKey].map(([key, p]) => [key, { id: p.id, url: p.url }]));
    }
}
