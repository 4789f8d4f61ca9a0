/**
 * Issue 14 item 3: the global coverage dashboard draws a real map (a choropleth over ISO country codes),
 * and no title anywhere promises more countries than the data has.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { datasetSql } from "../../checks/dashboards";
import { checkDashboardSchema } from "../../checks/dashboards-schema";
import type { LakeviewDashboard, LakeviewWidget } from "../../checks/lakeview-schema";
import { REPO_ROOT, templates } from "./templates";

const FILE = "dashboards/global_coverage.lvdash.json";

function parsed(file: string): LakeviewDashboard {
    const found = templates.find((t) => t.entry.file === file);
    assert.ok(found, `${file} is not registered in dashboards/index.ts`);
    return JSON.parse(found.text) as LakeviewDashboard;
}

function widgets(d: LakeviewDashboard): LakeviewWidget[] {
    return d.pages.flatMap((p) => (p.layout ?? []).map((item) => item.widget));
}

/** The issuer countries the simulator draws from: the only source of country values in the data. */
function simulatedIssuerCountries(): string[] {
    const source = fs.readFileSync(path.join(REPO_ROOT, "notebooks", "transaction_simulator.py"), "utf8");
    const list = /^ISSUER_COUNTRIES = \[([^\]]*)\]/m.exec(source);
    assert.ok(list, "notebooks/transaction_simulator.py no longer defines ISSUER_COUNTRIES as a list literal");
    return [...list[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

/** "Top N" titles over countries where N is at least the number of countries there are: every title, file and path. */
function overpromisingTitles(file: string, text: string, countries: number): string[] {
    const found: string[] = [];
    const visit = (node: unknown, at: string): void => {
        if (typeof node === "string") {
            const top = /\btop (\d+)\b.*countr/i.exec(node);
            if (top && Number(top[1]) >= countries) found.push(`${file}: ${at}: "${node}" promises the top ${top[1]} of ${countries} countries`);
        } else if (Array.isArray(node)) node.forEach((item, i) => visit(item, `${at}[${i}]`));
        else if (node !== null && typeof node === "object") for (const [key, value] of Object.entries(node)) visit(value, `${at}.${key}`);
    };
    visit(JSON.parse(text), "$");
    return found;
}

describe("global coverage map", () => {
    it("draws a choropleth keyed by an ISO alpha-2 country code the dataset returns", () => {
        const d = parsed(FILE);
        const maps = widgets(d).filter((w) => w.spec?.widgetType === "choropleth-map");
        assert.ok(maps.length > 0, `${FILE} has no choropleth-map widget`);
        for (const map of maps) {
            const admin0 = (map.spec!.encodings as { region: { admin0: { fieldName: string; geographicRole: string } } }).region.admin0;
            assert.equal(admin0.geographicRole, "admin0-iso-3166-1-alpha-2", map.name);
            const dataset = d.datasets.find((ds) => ds.name === map.queries![0].query.datasetName)!;
            // The simulator writes issuer_country as alpha-2 codes; the map key must be that column.
            assert.match(datasetSql(dataset), new RegExp(`\\bissuer_country AS ${admin0.fieldName}\\b`), `${map.name} is not keyed by issuer_country`);
        }
        assert.ok(simulatedIssuerCountries().every((code) => /^[A-Z]{2}$/.test(code)), "issuer countries are not ISO alpha-2 codes");
    });

    it("rejects a map whose country key has an unknown geographic role, naming the path", () => {
        const d = JSON.parse(JSON.stringify(parsed(FILE))) as LakeviewDashboard;
        const map = widgets(d).find((w) => w.spec?.widgetType === "choropleth-map")!;
        (map.spec!.encodings as { region: { admin0: { geographicRole: string } } }).region.admin0.geographicRole = "country";
        const result = checkDashboardSchema(d, FILE);
        assert.equal(result.ok, false);
        assert.match(result.ok ? "" : result.problems.join("\n"), /global_coverage\.lvdash\.json: .*encodings\.region\.admin0\.geographicRole/);
    });

    it("no dashboard title promises the top N of as many or fewer countries than the data has", () => {
        const countries = simulatedIssuerCountries().length;
        assert.deepEqual(templates.flatMap(({ entry, text }) => overpromisingTitles(entry.file, text, countries)), []);
    });

    it("names a title that promises the top 15 of ten countries", () => {
        const text = JSON.stringify({ pages: [{ displayName: "Top 15 issuer countries" }] });
        assert.deepEqual(overpromisingTitles("x.lvdash.json", text, 10), ['x.lvdash.json: $.pages[0].displayName: "Top 15 issuer countries" promises the top 15 of 10 countries']);
    });
});
