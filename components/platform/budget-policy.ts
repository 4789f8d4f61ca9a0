import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { keyValueTags, Tags } from "../tags";

export interface StackBudgetPolicyArgs {
    /** Unique among the account's active policies (stack-scoped by the naming module). */
    readonly policyName: string;
    /** Written to the billing records of every serverless workload that carries the policy. */
    readonly tags: Tags;
    /** An account-level provider: budget policies are account objects. */
    readonly accountProvider: databricks.Provider;
}

/**
 * The stack's budget policy: its tags land on the billing records of the stack's serverless jobs,
 * pipelines, endpoints, app and Lakebase, so spend shows up per stack.
 */
export class StackBudgetPolicy extends pulumi.ComponentResource {
    readonly policyId: pulumi.Output<string>;

    constructor(name: string, args: StackBudgetPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:platform:BudgetPolicy", name, {}, opts);
        const policy = new databricks.BudgetPolicy(
            name,
            { policyName: args.policyName, customTags: keyValueTags(args.tags) },
            { parent: this, provider: args.accountProvider },
        );
        this.policyId = policy.policyId;
        this.registerOutputs({ policyId: this.policyId });
    }
}
