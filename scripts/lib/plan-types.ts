/**
 * What the offline plan needs to know about one registered resource. It matches the record the
 * evaluation harness (`test/support/program.ts`) captures under Pulumi mocks, restated here so the
 * plan writer stays a pure function that tests can feed hand-made lists.
 */
export interface PlanResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** URN of the parent, absent for resources parented to the stack. */
    readonly parent?: string;
    readonly inputs: Readonly<Record<string, unknown>>;
    /** URNs this resource depends on (explicit `dependsOn` and inputs that came from other resources). */
    readonly dependencies: readonly string[];
    readonly protect: boolean;
    /** Provider reference (`<provider urn>::<id>`), absent when the default provider is used. */
    readonly provider?: string;
    /** False for component resources, which only group children. */
    readonly custom: boolean;
}

export const STACK_TYPE = "pulumi:pulumi:Stack";
