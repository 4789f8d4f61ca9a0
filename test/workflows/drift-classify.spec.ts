import { strict as assert } from "node:assert";
import { classifyPreview } from "../../.github/scripts/drift/classify";
import { CLEAN, DRIFTED, DRIFTED_WITH_EXPECTATION_ERROR, FAILED, digest } from "./preview-fixtures";

describe("drift classification", () => {
    it("a clean preview that exited 0 is clean", () => {
        assert.deepEqual(classifyPreview(0, CLEAN), { status: "clean" });
    });

    it("proposed changes are drift, counted per operation without the unchanged ones", () => {
        const result = classifyPreview(1, DRIFTED);
        assert.equal(result.status, "drift");
        if (result.status !== "drift") return;
        assert.deepEqual(result.counts, { update: 1, create: 1 });
        assert.deepEqual(result.steps.map((step) => step.op), ["update", "create"]);
    });

    it("the CLI's own --expect-no-changes complaint does not turn drift into an error", () => {
        assert.equal(classifyPreview(255, DRIFTED_WITH_EXPECTATION_ERROR).status, "drift");
    });

    it("an error diagnostic is a failed preview, even with a zero exit code", () => {
        const result = classifyPreview(0, FAILED);
        assert.equal(result.status, "error");
        if (result.status === "error") assert.match(result.reasons.join("\n"), /gold-views: error: cannot read job/);
    });

    it("a non-zero exit without proposed changes is a failed preview, quoting stderr", () => {
        const result = classifyPreview(255, CLEAN, "warning: newer CLI\nerror: failed to load plugin databricks\n");
        assert.equal(result.status, "error");
        if (result.status === "error") assert.match(result.reasons.join("\n"), /exited with 255[\s\S]*failed to load plugin/);
    });

    it("output that is not JSON is a failed preview", () => {
        assert.equal(classifyPreview(1, "error: could not find stack dev").status, "error");
        assert.equal(classifyPreview(1, "").status, "error");
        assert.equal(classifyPreview(0, "[1,2]").status, "error");
    });

    it("skips lines the CLI printed before the JSON document", () => {
        const result = classifyPreview(1, `Downloading plugin databricks v1.110.0\n${DRIFTED}`);
        assert.equal(result.status, "drift");
    });

    it("falls back to the steps when the change summary is missing", () => {
        const result = classifyPreview(1, digest({ changeSummary: undefined, steps: [{ op: "delete", urn: "urn:pulumi:dev::p::t::n" }] }));
        assert.equal(result.status, "drift");
        if (result.status === "drift") assert.deepEqual(result.counts, { delete: 1 });
    });
});
