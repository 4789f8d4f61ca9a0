/**
 * `npm run render`: writes each golden stack's rendered dashboards to
 * test/golden/dashboards/<stack>/<key>.lvdash.json (what `pulumi up` would send, for review in a diff),
 * and rewrites the templates in canonical form so hand edits never leave key-order noise behind.
 */
import * as fs from "fs";
import * as path from "path";
import { canonicalJson, parseJson } from "../components/analytics/canonical-json";
import { renderDashboard } from "../components/analytics/render";
import { dashboardEntries } from "../dashboards";
import { dashboardTarget, GOLDEN_STACKS, goldenPath, REPO_ROOT, stackConfig } from "./lib/dashboards-stacks";

function writeIfChanged(file: string, text: string): boolean {
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) return false;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return true;
}

function main(): void {
    let changed = 0;
    for (const entry of dashboardEntries) {
        const file = path.join(REPO_ROOT, entry.file);
        const canonical = canonicalJson(parseJson(fs.readFileSync(file, "utf8"), entry.file));
        if (writeIfChanged(file, canonical)) {
            console.log(`canonicalised ${entry.file}`);
            changed++;
        }
    }
    for (const stack of GOLDEN_STACKS) {
        const target = dashboardTarget(stackConfig(stack));
        for (const entry of dashboardEntries) {
            const template = fs.readFileSync(path.join(REPO_ROOT, entry.file), "utf8");
            const out = goldenPath(stack, entry.key);
            if (writeIfChanged(out, renderDashboard(template, target, entry.file))) {
                console.log(`wrote ${path.relative(REPO_ROOT, out)}`);
                changed++;
            }
        }
    }
    console.log(`${changed} file(s) changed; ${dashboardEntries.length} dashboards x ${GOLDEN_STACKS.length} stacks (${GOLDEN_STACKS.join(", ")})`);
}

try {
    main();
} catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
}
