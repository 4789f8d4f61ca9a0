import * as assert from "assert";
import { parseModelVersions } from "../../components/data/model-versions";

const MODELS = ["c.s.approval_propensity_model", "c.s.risk_scoring_model"];

describe("parseModelVersions", () => {
    it("reads the versions from the last line, ignoring anything printed before", () => {
        const stdout = `progress...\n{"c.s.approval_propensity_model": "4", "c.s.risk_scoring_model": "2", "c.s.other": "9"}\n`;
        assert.deepStrictEqual(parseModelVersions(stdout, MODELS), { "c.s.approval_propensity_model": "4", "c.s.risk_scoring_model": "2" });
    });

    it("accepts numeric versions as the MLflow client may emit them", () => {
        assert.deepStrictEqual(parseModelVersions(`{"c.s.approval_propensity_model": 4, "c.s.risk_scoring_model": 2}`, MODELS), {
            "c.s.approval_propensity_model": "4",
            "c.s.risk_scoring_model": "2",
        });
    });

    it("fails naming the model the run did not report", () => {
        assert.throws(() => parseModelVersions(`{"c.s.approval_propensity_model": "4"}`, MODELS), /no version for c\.s\.risk_scoring_model; it has c\.s\.approval_propensity_model/);
    });

    it("fails on empty output, non-JSON, non-objects and versions that are not positive whole numbers", () => {
        assert.throws(() => parseModelVersions("\n  \n", MODELS), /printed nothing/);
        assert.throws(() => parseModelVersions("Run succeeded", MODELS), /last line of stdout is not JSON.*Run succeeded/);
        assert.throws(() => parseModelVersions(`["4", "2"]`, MODELS), /not a JSON object/);
        assert.throws(() => parseModelVersions(`{"c.s.approval_propensity_model": "v4", "c.s.risk_scoring_model": "2"}`, MODELS), /version of c\.s\.approval_propensity_model is "v4"/);
        assert.throws(() => parseModelVersions(`{"c.s.approval_propensity_model": "0", "c.s.risk_scoring_model": "2"}`, MODELS), /positive whole number/);
    });
});
