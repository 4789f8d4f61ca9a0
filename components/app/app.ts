import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { npmScriptCommand, RunnerConnection, runStep } from "../data/run-step";
import { UploadedAsset } from "../platform/workspace-assets";
import { appBindings, AppBindingTargets } from "./bindings";

export type AppSource =
    | { readonly kind: "git"; readonly url: string; readonly provider: string; readonly branch: string; readonly sourcePath?: string }
    /** The repo's `app/` folder, uploaded by WorkspaceAssets and deployed by `scripts/deploy-app.ts`. */
    | { readonly kind: "workspace"; readonly upload: UploadedAsset; readonly connection: RunnerConnection };

export interface AppArgs {
    /** Physical app name (stack-scoped by the naming module, within the Apps limit of 30 characters). */
    readonly appName: string;
    readonly description: string;
    readonly computeSize: "MEDIUM" | "LARGE";
    readonly bindings: AppBindingTargets;
    /**
     * The code to run. Absent while it cannot start: its pages call the serving endpoints, which a stack
     * without data does not have yet, so the app exists (with its bindings and permissions) but runs nothing.
     */
    readonly source?: AppSource;
    /** What the code reads at start beyond its bindings' targets: its deployment waits for these. */
    readonly codeAfter?: readonly pulumi.Resource[];
    /** The stack's budget policy, when spend is attributed per stack. */
    readonly budgetPolicyId?: pulumi.Input<string>;
}

/**
 * The Databricks App with its resource bindings. Binding keys are stable (see `bindings.ts`), so the app's
 * own `app.yaml` refers to them with `valueFrom` and never needs an id set by hand.
 */
export class PaymentAnalysisApp extends pulumi.ComponentResource {
    readonly name: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;
    /** Application id of the app's service principal: the principal of its Unity Catalog grants. */
    readonly servicePrincipalClientId: pulumi.Output<string>;
    readonly servicePrincipalName: pulumi.Output<string>;

    constructor(name: string, args: AppArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:app:App", name, {}, opts);
        const source = args.source;
        const app = new databricks.App(
            name,
            {
                name: args.appName,
                description: args.description,
                computeSize: args.computeSize,
                resources: appBindings(args.bindings),
                ...(args.budgetPolicyId !== undefined ? { budgetPolicyId: args.budgetPolicyId } : {}),
                ...(source?.kind === "git"
                    ? {
                          gitRepository: { url: source.url, provider: source.provider },
                          gitSource: { branch: source.branch, ...(source.sourcePath ? { sourceCodePath: source.sourcePath } : {}) },
                      }
                    : {}),
            },
            { parent: this },
        );

        if (source?.kind === "workspace") {
            // The deployment runs again only when the uploaded code changes; a failed deployment fails `pulumi up`.
            runStep(
                `${name}-deploy`,
                {
                    command: pulumi
                        .all([app.name, source.upload.path])
                        .apply(([appName, path]) => npmScriptCommand("deploy-app", [`--app=${appName}`, `--source-code-path=${path}`])),
                    inputsHash: source.upload.contentHash,
                    connection: source.connection,
                },
                { parent: this, dependsOn: [app, ...(args.codeAfter ?? [])] },
            );
        }

        this.name = app.name;
        this.url = app.url;
        this.servicePrincipalClientId = app.servicePrincipalClientId;
        this.servicePrincipalName = app.servicePrincipalName;
        this.registerOutputs({ name: this.name, url: this.url, servicePrincipalClientId: this.servicePrincipalClientId });
    }
}
