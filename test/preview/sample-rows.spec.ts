import { strict as assert } from "assert";
import { tablesRead, typeFields, typeFromName } from "../../scripts/preview/field-types";
import { SAMPLE_END_DATE, sampleRows, seededRandom } from "../../scripts/preview/sample-rows";
import { DATASET_SQL } from "./fixture";

describe("preview: sample rows from the contract's column types", () => {
    it("types fields from the contract view the dataset reads, and aggregates by their function", () => {
        assert.deepEqual(tablesRead(DATASET_SQL), ["v_performance_by_geography"]);
        const fields = typeFields(
            [
                { name: "country", expression: "`country`" },
                { name: "count(*)", expression: "COUNT(`*`)" },
                { name: "countdistinct(country)", expression: "COUNT(DISTINCT `country`)" },
                { name: "avg(transaction_count)", expression: "AVG(`transaction_count`)" },
                { name: "daily(d)", expression: 'DATE_TRUNC("DAY", `d`)' },
            ],
            DATASET_SQL,
            "w",
        );
        assert.deepEqual(fields.map((f) => f.sparkType), ["string", "bigint", "bigint", "double", "timestamp"]);
    });

    it("guesses types of columns the dataset SQL computes from their names", () => {
        assert.equal(typeFromName("weighted_approval_rate_pct"), "double");
        assert.equal(typeFromName("countries"), "bigint");
        assert.equal(typeFromName("country"), "string");
        assert.equal(typeFromName("event_date"), "date");
    });

    it("fails on an expression outside the editor's grammar, naming the field", () => {
        assert.throws(() => typeFields([{ name: "x", expression: "a + b" }], DATASET_SQL, "dashboard \"d\" > page \"p\" > widget \"w\""), /widget "w" > field "x": expression "a \+ b" is not one of the forms/);
    });

    it("is deterministic and plausible: rates 0-100, scores 0-1, dates in the 30 days before the fixed end", () => {
        const fields = [
            { name: "event_date", column: "event_date", sparkType: "date", aggregate: false },
            { name: "avg(approval_rate_pct)", column: "approval_rate_pct", sparkType: "double", aggregate: true },
            { name: "avg(fraud_score)", column: "fraud_score", sparkType: "double", aggregate: true },
        ];
        const rows = sampleRows(fields, 7);
        assert.deepEqual(sampleRows(fields, 7), rows);
        assert.notDeepEqual(sampleRows(fields, 8), rows);
        assert.equal(rows.length, 30);
        for (const row of rows) {
            const day = Date.parse(String(row.event_date));
            assert.ok(day <= SAMPLE_END_DATE && day > SAMPLE_END_DATE - 30 * 86400000, String(row.event_date));
            assert.ok(Number(row["avg(approval_rate_pct)"]) >= 0 && Number(row["avg(approval_rate_pct)"]) <= 100);
            assert.ok(Number(row["avg(fraud_score)"]) >= 0 && Number(row["avg(fraud_score)"]) <= 1);
        }
    });

    it("crosses a category with a colour series and gives a counter one row", () => {
        const rows = sampleRows(
            [
                { name: "merchant_segment", column: "merchant_segment", sparkType: "string", aggregate: false },
                { name: "card_network", column: "card_network", sparkType: "string", aggregate: false },
                { name: "sum(n)", column: "n", sparkType: "bigint", aggregate: true },
            ],
            1,
        );
        assert.equal(rows.length, 6 * 3);
        assert.equal(sampleRows([{ name: "total", column: "total", sparkType: "bigint", aggregate: false }], 1).length, 1);
    });

    it("draws numbers in [0, 1) from a seed", () => {
        const random = seededRandom(42);
        const values = Array.from({ length: 100 }, random);
        assert.ok(values.every((v) => v >= 0 && v < 1));
        assert.ok(new Set(values).size > 90);
    });
});
