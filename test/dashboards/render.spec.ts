import { strict as assert } from "assert";
import * as fc from "fast-check";
import { canonicalJson } from "../../components/analytics/canonical-json";
import { renderDashboard } from "../../components/analytics/render";
import { templates } from "./templates";

const TARGET = { catalog: "main", schema: "payments_dev" };

/** The same JSON value with every object's keys in a random order. */
function shuffledKeys(value: unknown, random: () => number): unknown {
    if (Array.isArray(value)) return value.map((item) => shuffledKeys(item, random));
    if (value !== null && typeof value === "object") {
        const entries = Object.entries(value as Record<string, unknown>);
        for (let i = entries.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [entries[i], entries[j]] = [entries[j], entries[i]];
        }
        return Object.fromEntries(entries.map(([k, v]) => [k, shuffledKeys(v, random)]));
    }
    return value;
}

function keyOrderIsSorted(value: unknown): boolean {
    if (Array.isArray(value)) return value.every(keyOrderIsSorted);
    if (value !== null && typeof value === "object") {
        const keys = Object.keys(value);
        return keys.every((k, i) => i === 0 || keys[i - 1] < k) && Object.values(value).every(keyOrderIsSorted);
    }
    return true;
}

describe("renderDashboard", () => {
    it("fills catalog and schema into every table name and leaves no placeholder", () => {
        for (const { entry, text } of templates) {
            const rendered = renderDashboard(text, TARGET, entry.file);
            assert.ok(!rendered.includes("{{"), `${entry.file} still has {{`);
            const sql = (JSON.parse(rendered) as { datasets: { queryLines: string[] }[] }).datasets.map((d) => d.queryLines.join(""));
            for (const statement of sql) assert.match(statement, /FROM main\.payments_dev\.\w+/, `${entry.file}: ${statement}`);
        }
    });

    it("writes every object with sorted keys", () => {
        for (const { entry, text } of templates) assert.ok(keyOrderIsSorted(JSON.parse(renderDashboard(text, TARGET, entry.file))), entry.file);
    });

    it("gives the same text whatever the key order of the template", () => {
        const { entry, text } = templates[0];
        const expected = renderDashboard(text, TARGET, entry.file);
        fc.assert(
            fc.property(fc.integer(), (seed) => {
                let state = seed;
                const random = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
                const reordered = JSON.stringify(shuffledKeys(JSON.parse(text), random));
                return renderDashboard(reordered, TARGET, entry.file) === expected;
            }),
            { numRuns: 25 },
        );
    });

    it("is idempotent over its own output's canonical form", () => {
        const { entry, text } = templates[1];
        const rendered = renderDashboard(text, TARGET, entry.file);
        assert.equal(canonicalJson(JSON.parse(rendered)), rendered);
    });

    it("refuses a catalog that is not a plain identifier, naming the key", () => {
        assert.throws(() => renderDashboard(templates[0].text, { catalog: "main; DROP", schema: "s" }, "x.lvdash.json"), /x\.lvdash\.json: catalog "main; DROP" is not a plain identifier/);
        assert.throws(() => renderDashboard(templates[0].text, { catalog: "c", schema: "1abc" }, "x.lvdash.json"), /schema "1abc"/);
    });

    it("refuses a template using a placeholder it has no value for", () => {
        assert.throws(() => renderDashboard('{"a": "{{warehouse}}"}', TARGET, "x.lvdash.json"), /x\.lvdash\.json: placeholder\(s\) \{\{warehouse\}\} have no value/);
    });

    it("refuses placeholder-like text the renderer does not fill", () => {
        assert.throws(() => renderDashboard('{"a": "{{ catalog.x }}"}', TARGET, "x.lvdash.json"), /x\.lvdash\.json: unrendered placeholder text "\{\{ catalog\.x \}\}"/);
    });

    it("leaves Lakeview's own column templates ({{ @ }}, {{ other_column }}) alone and still refuses leftovers elsewhere", () => {
        const column = { fieldName: "order_id", imageUrlTemplate: "{{ @ }}", linkUrlTemplate: "/orders/{{ order_id }}", linkTextTemplate: "{{@}}" };
        const template = JSON.stringify({ sql: "FROM {{catalog}}.{{schema}}.t", columns: [column] });
        const rendered = JSON.parse(renderDashboard(template, TARGET, "x.lvdash.json")) as { sql: string; columns: unknown[] };
        assert.deepEqual(rendered, { columns: [column], sql: "FROM main.payments_dev.t" });
        assert.throws(() => renderDashboard(JSON.stringify({ columns: [column], title: "{{ @ }}" }), TARGET, "x.lvdash.json"), /unrendered placeholder text "\{\{ @ \}\}"/);
        assert.throws(() => renderDashboard(JSON.stringify({ columns: [column], title: "{{order_id}}" }), TARGET, "x.lvdash.json"), /placeholder\(s\) \{\{order_id\}\} have no value/);
    });

    it("names the file when the template is not JSON", () => {
        assert.throws(() => renderDashboard('{"a": {{catalog}}}', TARGET, "x.lvdash.json"), /x\.lvdash\.json: not valid JSON/);
    });
});
