import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkNamedFile, reportFiles } from "../../scripts/lib/validate-files";
import { templates } from "./templates";

describe("validate named files", () => {
    let root: string;
    const daily = templates.find((t) => t.entry.key === "daily_trends")!.text;
    // A table the data contract does not have: fine in someone else's dashboard, wrong in ours.
    const foreign = daily.replace(/\{\{catalog\}\}\.\{\{schema\}\}\.\w+/g, "{{catalog}}.{{schema}}.no_such_table");

    beforeEach(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "validate-files-"));
        fs.mkdirSync(path.join(root, "dashboards"));
        fs.mkdirSync(path.join(root, "elsewhere"));
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it("checks a file under dashboards/ as a project template, against the contract", () => {
        assert.notEqual(foreign, daily);
        fs.writeFileSync(path.join(root, "dashboards", "daily_trends.lvdash.json"), foreign);
        const result = checkNamedFile("dashboards/daily_trends.lvdash.json", root, root);
        assert.equal(result.kind, "template");
        assert.match(result.problems.join("\n"), /^dashboards\/daily_trends\.lvdash\.json > dataset "[^"]+":\d+: unknown table "no_such_table": it is neither in the contract/m);
    });

    it("checks any other file for the Lakeview format only, resolving it from the caller's directory", () => {
        fs.writeFileSync(path.join(root, "elsewhere", "daily_trends.lvdash.json"), foreign);
        const result = checkNamedFile("daily_trends.lvdash.json", path.join(root, "elsewhere"), root);
        assert.deepEqual(result, { file: "daily_trends.lvdash.json", kind: "format", problems: [] });
    });

    it("reports a missing file and a file that is not JSON by name", () => {
        fs.writeFileSync(path.join(root, "elsewhere", "broken.lvdash.json"), "{");
        assert.match(checkNamedFile("gone.lvdash.json", root, root).problems[0], /^gone\.lvdash\.json: no such file/);
        assert.match(checkNamedFile("elsewhere/broken.lvdash.json", root, root).problems[0], /^elsewhere\/broken\.lvdash\.json: not valid JSON/);
    });

    it("prints one line per file and exits 1 when any failed", () => {
        const lines: string[] = [];
        const code = reportFiles(
            [
                { file: "a.lvdash.json", kind: "format", problems: [] },
                { file: "b.lvdash.json", kind: "format", problems: ["b.lvdash.json: page \"p\" > layoutVersion: wrong"] },
            ],
            (line) => lines.push(line),
        );
        assert.equal(code, 1);
        assert.deepEqual(lines, [
            "ok     a.lvdash.json (Lakeview format)",
            "FAILED b.lvdash.json (Lakeview format): 1 problem(s)",
            '  - b.lvdash.json: page "p" > layoutVersion: wrong',
            "\n2 file(s): 1 failed",
        ]);
    });
});
