import { PlanResource } from "../../scripts/lib/plan-types";

/** Hand-made stand-ins for what the program registers, small enough to reason about in a test. */
export const STACK = "dev";
const PROJECT = "payment-analysis";

export function urnOf(type: string, name: string, parentTypes: string[] = []): string {
    return `urn:pulumi:${STACK}::${PROJECT}::${[...parentTypes, type].join("$")}::${name}`;
}

export function resource(partial: Partial<PlanResource> & { type: string; name: string }, parentTypes: string[] = []): PlanResource {
    return {
        urn: urnOf(partial.type, partial.name, parentTypes),
        inputs: {},
        dependencies: [],
        protect: false,
        custom: true,
        ...partial,
    };
}

export const WAREHOUSE_COMPONENT = "payment-analysis:platform:Warehouse";
export const SQL_ENDPOINT = "databricks:index/sqlEndpoint:SqlEndpoint";
export const JOB = "databricks:index/job:Job";
export const SECRET_MARKER = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "dapi-very-secret" };

/** A component with one child, three jobs where job-b needs job-a and the endpoint, job-c needs job-b. */
export function sampleResources(): PlanResource[] {
    const component = resource({ type: WAREHOUSE_COMPONENT, name: "warehouse", custom: false });
    const endpoint = resource(
        { type: SQL_ENDPOINT, name: "warehouse-endpoint", parent: component.urn, inputs: { name: "payment-analysis-dev", clusterSize: "2X-Small" } },
        [WAREHOUSE_COMPONENT],
    );
    const jobA = resource({ type: JOB, name: "job-a", inputs: { name: "[dev] A", tags: { zeta: "1", alpha: "2" } } });
    const jobB = resource({ type: JOB, name: "job-b", dependencies: [jobA.urn, endpoint.urn], inputs: { name: "[dev] B" } });
    const jobC = resource({ type: JOB, name: "job-c", dependencies: [jobB.urn, jobA.urn], inputs: { name: "[dev] C", token: SECRET_MARKER } });
    return [jobC, endpoint, jobA, component, jobB];
}
