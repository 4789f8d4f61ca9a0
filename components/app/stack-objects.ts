/**
 * What the app must know of the stack but cannot bind: Apps have no pipeline or dashboard resource, so
 * the program writes their ids to a secret scope of the stack's own and the app binds those secrets
 * (READ) like any other resource. No id is ever written in a committed file, and a git-sourced app
 * reads them the same way.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";

/** Secret keys in the scope; each is also an app binding (see bindings.ts) read by app.yaml. */
export const STACK_OBJECT_KEYS = { pipelines: "pipelines", dashboards: "dashboards" } as const;

export interface StackDashboard {
    readonly id: string;
    readonly title: string;
}

export interface AppStackObjectsArgs {
    readonly scopeName: string;
    /** Pipeline key (etl, realtime) to its id. */
    readonly pipelines: Readonly<Record<string, pulumi.Input<string>>>;
    /** Dashboard key to its id and title. */
    readonly dashboards: pulumi.Input<Record<string, StackDashboard>>;
}

/** JSON the app parses (app/server/config.ts): keys sorted, so an unchanged stack writes the same bytes. */
export function stackObjectsJson(record: Readonly<Record<string, unknown>>): string {
    return JSON.stringify(Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]])));
}

export class AppStackObjects extends pulumi.ComponentResource {
    /** The scope's name, as an Output so that a binding on it waits for the scope. */
    readonly scope: pulumi.Output<string>;
    /** The secrets; the app's code is deployed only once they hold this stack's ids. */
    readonly secrets: pulumi.Resource[];

    constructor(name: string, args: AppStackObjectsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:app:AppStackObjects", name, {}, opts);
        const scope = new databricks.SecretScope(name, { name: args.scopeName }, { parent: this });
        const pipelines = new databricks.Secret(
            `${name}-${STACK_OBJECT_KEYS.pipelines}`,
            { scope: scope.name, key: STACK_OBJECT_KEYS.pipelines, stringValue: pulumi.all(args.pipelines).apply(stackObjectsJson) },
            { parent: this },
        );
        const dashboards = new databricks.Secret(
            `${name}-${STACK_OBJECT_KEYS.dashboards}`,
            { scope: scope.name, key: STACK_OBJECT_KEYS.dashboards, stringValue: pulumi.output(args.dashboards).apply(stackObjectsJson) },
            { parent: this },
        );
        this.scope = scope.name;
        this.secrets = [pipelines, dashboards];
        this.registerOutputs({ scope: this.scope });
    }
}
