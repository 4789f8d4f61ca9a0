/**
 * Reads the genie sync notebook's exit value, `{"action": "created"|"updated", "space_id": "<id>"}`, from the
 * job runner's stdout (its last line). Pure, so the deployment (the space id it binds to the app) and the
 * delete script (the space it removes on destroy) read it the same way, and every malformed case is tested.
 */
export interface GenieSyncExit {
    readonly action: "created" | "updated";
    readonly spaceId: string;
}

/** Genie space ids go into API paths; the API's own ids are hex, so anything else is a wrong answer. */
const SPACE_ID = /^[A-Za-z0-9_-]{1,128}$/;

const HINT = `expected the sync_genie_space notebook's exit value as the last line of stdout, a JSON object {"action":"created"|"updated","space_id":"<id>"}`;

export function parseGenieSyncExit(stdout: string): GenieSyncExit {
    const lines = stdout.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
    const last = lines[lines.length - 1];
    if (last === undefined) throw new Error(`genie space sync: printed nothing; ${HINT}`);
    const quoted = last.slice(0, 200);
    let parsed: unknown;
    try {
        parsed = JSON.parse(last);
    } catch (error) {
        throw new Error(`genie space sync: last line of stdout is not JSON (${(error as Error).message}): ${quoted}; ${HINT}`, { cause: error });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`genie space sync: exit value is not a JSON object: ${quoted}; ${HINT}`);
    const record = parsed as Record<string, unknown>;
    const spaceId = record["space_id"];
    if (typeof spaceId !== "string" || !SPACE_ID.test(spaceId)) {
        throw new Error(`genie space sync: space_id is ${JSON.stringify(spaceId)} in ${quoted}; a Genie space id is letters, digits, '_' or '-'; ${HINT}`);
    }
    const action = record["action"];
    if (action !== "created" && action !== "updated") throw new Error(`genie space sync: action is ${JSON.stringify(action)} in ${quoted}; it is "created" or "updated"`);
    return { action, spaceId };
}
