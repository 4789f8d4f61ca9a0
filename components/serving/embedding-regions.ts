/**
 * Which pay-per-token embedding endpoints each workspace region serves, read from one small data file
 * (embedding-endpoints-by-region.json) so that updating the table is a one-line change a reviewer can check against
 * the Databricks docs it cites.
 */
import table from "./embedding-endpoints-by-region.json";

export const EMBEDDING_ENDPOINTS_BY_REGION: Readonly<Record<string, readonly string[]>> = table.regions;

/** Every region the table knows, `<cloud>:<region>`. */
export const KNOWN_REGIONS: readonly string[] = Object.keys(EMBEDDING_ENDPOINTS_BY_REGION).sort();

/** The endpoints every listed region serves: a default that works wherever the stack is deployed. */
export function endpointsInEveryRegion(byRegion: Readonly<Record<string, readonly string[]>> = EMBEDDING_ENDPOINTS_BY_REGION): string[] {
    const lists = Object.values(byRegion);
    if (lists.length === 0) return [];
    return lists[0].filter((endpoint) => lists.every((list) => list.includes(endpoint)));
}

/** Why `endpoint` cannot embed in `region`, or undefined when it can (or the region is not known). */
export function embeddingEndpointProblem(region: string | undefined, endpoint: string): { key: "cloudRegion" | "embeddingEndpoint"; message: string } | undefined {
    if (region === undefined) return undefined;
    const served = EMBEDDING_ENDPOINTS_BY_REGION[region];
    if (served === undefined) {
        return {
            key: "cloudRegion",
            message: `is not a region that serves pay-per-token embeddings as far as components/serving/embedding-endpoints-by-region.json knows; known regions are ${KNOWN_REGIONS.join(", ")} (leave it unset to skip the check)`,
        };
    }
    if (!served.includes(endpoint)) {
        return { key: "embeddingEndpoint", message: `is not served pay-per-token in ${region}; valid endpoints there are ${served.join(", ")}` };
    }
    return undefined;
}
