import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { generatePlan } from "../../scripts/plan";
import { planPath, stalePlanMessage } from "../../scripts/lib/plan-cli";
import { REPO_ROOT } from "../support/program";

/**
 * The committed plans are what reviewers read; they must be exactly what the program produces now,
 * and producing them must not depend on timing, registration order or the machine.
 */
for (const stack of ["dev", "prod"]) {
    describe(`offline plan of ${stack}`, function () {
        this.timeout(180_000);
        let first: string;

        before(async () => {
            first = await generatePlan(stack);
        });

        it(`matches plans/${stack}.md`, () => {
            const file = planPath(REPO_ROOT, stack);
            const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
            assert.ok(committed === first, stalePlanMessage(stack, path.relative(REPO_ROOT, file)));
        });

        it("is byte-identical when the stack is evaluated again", async () => {
            const second = await generatePlan(stack);
            assert.ok(second === first, `two evaluations of ${stack} gave different plans; look for timestamps, random values or order-dependent output`);
        });

        it("holds no machine path and no secret value", () => {
            assert.ok(!first.includes(REPO_ROOT), `plan of ${stack} contains the checkout path ${REPO_ROOT}`);
            assert.ok(!/dapi[0-9a-f]{16,}/.test(first), `plan of ${stack} contains something shaped like a Databricks token`);
        });
    });
}
