import * as assert from "node:assert/strict";
import { APP_PAGE_CHECKS } from "../../scripts/lib/verify-app";

describe("verify's page checks", () => {
    const ask = APP_PAGE_CHECKS.find((check) => check.page === "Ask");

    it("fails Ask on a deployed app without a Genie space: the app runs code only where the space exists", () => {
        assert.ok(ask, "no Ask check");
        assert.match(ask.judge({ available: false }) ?? "", /no Genie space bound/);
        assert.match(ask.judge({}) ?? "", /not available/);
        assert.equal(ask.judge({ available: true }), undefined);
    });

    it("checks every page of the app once", () => {
        assert.deepEqual(APP_PAGE_CHECKS.map((check) => check.page), ["Dashboard", "Rules", "Decisioning", "ML Models", "Setup & Run", "Ask"]);
    });
});
