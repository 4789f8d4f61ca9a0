import * as assert from "node:assert/strict";
import { parseGenieSyncExit } from "../../components/analytics/genie-space-exit";

describe("the genie sync's exit value, as the deployment and the delete script read it", () => {
    it("takes the space id from the last line, after whatever the runner printed before it", () => {
        assert.deepEqual(parseGenieSyncExit(`run 42 finished\n{"action": "updated", "space_id": "01f0abc"}\n\n`), { action: "updated", spaceId: "01f0abc" });
    });

    it("refuses an empty answer, naming what was expected", () => {
        assert.throws(() => parseGenieSyncExit(" \n"), /genie space sync: printed nothing; expected the sync_genie_space notebook's exit value/);
    });

    it("refuses a last line that is not JSON, quoting it", () => {
        assert.throws(() => parseGenieSyncExit("Notebook exited: None"), /last line of stdout is not JSON .*: Notebook exited: None;/);
    });

    it("refuses JSON that is not an object, quoting it", () => {
        assert.throws(() => parseGenieSyncExit(`["01f0abc"]`), /exit value is not a JSON object: \["01f0abc"\]/);
    });

    it("refuses a missing or unsafe space id, quoting the answer", () => {
        assert.throws(() => parseGenieSyncExit(`{"action": "created"}`), /space_id is undefined in \{"action": "created"\}/);
        assert.throws(() => parseGenieSyncExit(`{"action": "created", "space_id": "../jobs"}`), /space_id is "\.\.\/jobs"/);
        assert.throws(() => parseGenieSyncExit(`{"action": "created", "space_id": 42}`), /space_id is 42/);
    });

    it("refuses an action other than created or updated", () => {
        assert.throws(() => parseGenieSyncExit(`{"action": "deleted", "space_id": "01f0abc"}`), /action is "deleted" .*"created" or "updated"/);
    });
});
