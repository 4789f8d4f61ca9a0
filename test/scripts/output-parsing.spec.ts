import * as assert from "node:assert/strict";
import { parseModelVersions, selectExitValue, TaskExitValue } from "../../scripts/lib/output-parsing";

const task = (taskKey: string, result: string | undefined, truncated = false): TaskExitValue => ({ taskKey, result, truncated });

describe("exit value selection", () => {
    it("takes the only task's value, or none", () => {
        assert.equal(selectExitValue([task("train", '{"a.b.c":"1"}')]), '{"a.b.c":"1"}');
        assert.equal(selectExitValue([task("train", undefined)]), undefined);
        assert.equal(selectExitValue([]), undefined);
    });

    it("takes the one task that returned a value among several", () => {
        assert.equal(selectExitValue([task("prep", undefined), task("train", "v")]), "v");
    });

    it("refuses to guess between several values and names them", () => {
        assert.throws(() => selectExitValue([task("a", "1"), task("b", "2")]), /several tasks returned exit values \(a, b\); pass --task-key/);
        assert.equal(selectExitValue([task("a", "1"), task("b", "2")], "b"), "2");
    });

    it("names the notebook tasks when --task-key matches none, and says when the chosen task returned nothing", () => {
        assert.throws(() => selectExitValue([task("a", "1")], "z"), /--task-key "z" is not a notebook task of this run; its notebook tasks are: a/);
        assert.throws(() => selectExitValue([task("a", undefined)], "a"), /task "a" returned no exit value/);
    });

    it("rejects truncated and multi-line values, which the last-line contract would corrupt", () => {
        assert.throws(() => selectExitValue([task("t", "{", true)]), /truncated/);
        assert.throws(() => selectExitValue([task("t", '{\n "a": 1\n}')]), /spans several lines/);
    });
});

describe("parseModelVersions (training hand-off)", () => {
    it("reads the last non-empty line of stdout", () => {
        assert.deepEqual(parseModelVersions('> npm header\n{"main.pay.risk_scoring":"4","main.pay.smart_routing":"2"}\n\n'), {
            "main.pay.risk_scoring": "4",
            "main.pay.smart_routing": "2",
        });
    });

    it("says what is wrong with a bad value", () => {
        assert.throws(() => parseModelVersions(""), /stdout is empty/);
        assert.throws(() => parseModelVersions("done"), /not JSON: done/);
        assert.throws(() => parseModelVersions('{"risk_scoring":"4"}'), /<catalog>\.<schema>\.<model>/);
        assert.throws(() => parseModelVersions('{"a.b.c":4}'), /a\.b\.c: versions must be positive integers as strings/);
        assert.throws(() => parseModelVersions('{"a.b.c":"0"}'), /positive integers/);
        assert.throws(() => parseModelVersions("{}"), /at least one model/);
    });
});
