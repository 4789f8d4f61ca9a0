import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { renderDashboard } from "../../components/analytics/render";
import { dashboardTarget, GOLDEN_STACKS, goldenPath, stackConfig } from "../../scripts/lib/dashboards-stacks";
import { templates } from "./templates";

const HINT = "if the change is intended, run `npm run render` and review the diff of test/golden/dashboards/";

describe("golden dashboards", () => {
    for (const stack of GOLDEN_STACKS) {
        describe(`stack ${stack}`, () => {
            const config = stackConfig(stack);

            it("has exactly one golden file per dashboard", () => {
                const dir = path.dirname(goldenPath(stack, "x"));
                const onDisk = fs.readdirSync(dir).sort();
                assert.deepEqual(onDisk, templates.map((t) => `${t.entry.key}.lvdash.json`).sort(), HINT);
            });

            for (const { entry, text } of templates) {
                it(`${entry.key} renders exactly as pinned`, () => {
                    const file = goldenPath(stack, entry.key);
                    assert.ok(fs.existsSync(file), `${file} is missing; ${HINT}`);
                    const rendered = renderDashboard(text, dashboardTarget(config), entry.file);
                    // assert.equal on multi-kilobyte strings prints a line diff, which is what a reviewer needs.
                    assert.equal(rendered, fs.readFileSync(file, "utf8"), `${entry.file} for stack ${stack} differs from ${file}; ${HINT}`);
                });
            }

            it("reads only this stack's catalog and schema", () => {
                const prefix = `${config.catalog}.${config.schema}.`;
                for (const { entry } of templates) {
                    const golden = JSON.parse(fs.readFileSync(goldenPath(stack, entry.key), "utf8")) as { datasets: { queryLines: string[] }[] };
                    for (const dataset of golden.datasets) {
                        // Comments are prose ("taken from the ..."), not table references.
                        const sql = dataset.queryLines.join("").replace(/--[^\n]*/g, "");
                        // A common table expression (`WITH name AS (`) is read by name; it is not a table.
                        const ctes = new Set([...sql.matchAll(/\b(\w+)\s+AS\s*\(/gi)].map((m) => m[1]));
                        const tables = [...sql.matchAll(/\b(?:FROM|JOIN)\s+([\w.]+)/gi)].map((m) => m[1]).filter((name) => !ctes.has(name));
                        assert.ok(tables.length > 0, `${entry.key}: no FROM in ${sql}`);
                        for (const table of tables) assert.ok(table.startsWith(prefix), `${entry.key}: ${table} is not under ${prefix}`);
                    }
                }
            });
        });
    }

    it("dev and prod differ only in where the tables live", () => {
        const dev = stackConfig("dev");
        const prod = stackConfig("prod");
        assert.notEqual(`${dev.catalog}.${dev.schema}`, `${prod.catalog}.${prod.schema}`);
        for (const { entry } of templates) {
            const devText = fs.readFileSync(goldenPath("dev", entry.key), "utf8");
            const prodText = fs.readFileSync(goldenPath("prod", entry.key), "utf8");
            assert.equal(devText.split(`${dev.catalog}.${dev.schema}.`).join("X."), prodText.split(`${prod.catalog}.${prod.schema}.`).join("X."), entry.key);
        }
    });
});
