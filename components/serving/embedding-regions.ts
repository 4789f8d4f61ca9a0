/**
 * Which pay-per-token embedding endpoints each workspace region serves, read from one small data file
 * (embedding-endpoints-by-region.json) so that updating the table is a change a reviewer can check against
 * the Databricks docs each entry cites. Regions the docs leave uncertain are kept out, with the reason.
 */
import { z } from "zod";
import table from "./embedding-endpoints-by-region.json";

export const EMBEDDING_TABLE_FILE = "components/serving/embedding-endpoints-by-region.json";

const REGION = /^(aws|azure|gcp):[a-z0-9-]+$/;
const DOC_URL = /^https:\/\/(docs\.databricks\.com|learn\.microsoft\.com)\//;

const FILE = z
    .object({
        about: z.string().min(1),
        docs: z.record(z.string(), z.string().regex(DOC_URL, "must be a https://docs.databricks.com/ or https://learn.microsoft.com/ page")),
        regions: z.record(
            z.string(),
            z
                .object({
                    endpoints: z.array(z.string().regex(/^databricks-[a-z0-9-]+$/, "must be a databricks-… endpoint name")).min(1, "must list at least one endpoint"),
                    docs: z.array(z.string()).min(1, "must cite at least one doc (a key of docs)"),
                })
                .strict(),
        ),
        leftOut: z.record(z.string(), z.string().min(1, "must say why the region is left out")),
    })
    .strict();

export interface EmbeddingTable {
    /** Region -> endpoints it serves pay-per-token. */
    readonly endpointsByRegion: Readonly<Record<string, readonly string[]>>;
    /** Region -> why it is not in the table although someone may well deploy there. */
    readonly leftOut: Readonly<Record<string, string>>;
}

/**
 * Checks the table's shape and that every region entry rests on a doc the file keeps; throws naming the
 * file and each bad key.
 */
export function parseEmbeddingTable(raw: unknown, file: string = EMBEDDING_TABLE_FILE): EmbeddingTable {
    const parsed = FILE.safeParse(raw);
    if (!parsed.success) {
        throw new Error(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`).join("; ")}`);
    }
    const { docs, regions, leftOut } = parsed.data;
    const problems: string[] = [];
    for (const [where, region] of [...Object.keys(regions).map((r) => ["regions", r]), ...Object.keys(leftOut).map((r) => ["leftOut", r])]) {
        if (!REGION.test(region)) problems.push(`${where} key "${region}" must be <cloud>:<region> with cloud aws, azure or gcp, e.g. aws:eu-central-1`);
    }
    for (const [region, entry] of Object.entries(regions)) {
        for (const doc of entry.docs) {
            if (!(doc in docs)) problems.push(`regions["${region}"].docs names "${doc}", which docs does not define (defined: ${Object.keys(docs).sort().join(", ")})`);
        }
        if (region in leftOut) problems.push(`"${region}" is both in regions and in leftOut; keep it in one`);
    }
    if (problems.length > 0) throw new Error(`${file}: ${problems.join("; ")}`);
    return {
        endpointsByRegion: Object.fromEntries(Object.entries(regions).map(([region, entry]) => [region, entry.endpoints])),
        leftOut,
    };
}

const TABLE = parseEmbeddingTable(table);

export const EMBEDDING_ENDPOINTS_BY_REGION: Readonly<Record<string, readonly string[]>> = TABLE.endpointsByRegion;

/** Every region the table knows, `<cloud>:<region>`. */
export const KNOWN_REGIONS: readonly string[] = Object.keys(EMBEDDING_ENDPOINTS_BY_REGION).sort();

/** The endpoints every listed region serves: a default that works wherever the stack is deployed. */
export function endpointsInEveryRegion(byRegion: Readonly<Record<string, readonly string[]>> = EMBEDDING_ENDPOINTS_BY_REGION): string[] {
    const lists = Object.values(byRegion);
    if (lists.length === 0) return [];
    return lists[0].filter((endpoint) => lists.every((list) => list.includes(endpoint)));
}

/** Why `endpoint` cannot embed in `region`, or undefined when it can (or no region is configured). */
export function embeddingEndpointProblem(
    region: string | undefined,
    endpoint: string,
    known: EmbeddingTable = TABLE,
): { key: "cloudRegion" | "embeddingEndpoint"; message: string } | undefined {
    if (region === undefined) return undefined;
    const served = known.endpointsByRegion[region];
    if (served === undefined) {
        const regions = Object.keys(known.endpointsByRegion).sort().join(", ");
        const reason = known.leftOut[region];
        return {
            key: "cloudRegion",
            message:
                reason !== undefined
                    ? `is left out of ${EMBEDDING_TABLE_FILE}: ${reason}; known regions are ${regions} (leave it unset to skip the check)`
                    : `is not a region that serves pay-per-token embeddings as far as ${EMBEDDING_TABLE_FILE} knows; known regions are ${regions} (leave it unset to skip the check)`,
        };
    }
    if (!served.includes(endpoint)) {
        return { key: "embeddingEndpoint", message: `is not served pay-per-token in ${region}; valid endpoints there are ${served.join(", ")}` };
    }
    return undefined;
}
