import { strict as assert } from "assert";
import { aggregateRows } from "../../scripts/preview/aggregate-rows";

const attempts = [
    { event_time: "2026-01-30T10:15:00", country_code: "US", amount: 10, approved_pct: 100, merchant_id: "m1" },
    { event_time: "2026-01-30T10:45:00", country_code: "US", amount: 30, approved_pct: 0, merchant_id: "m2" },
    { event_time: "2026-01-30T11:05:00", country_code: "DE", amount: 5, approved_pct: 100, merchant_id: "m1" },
];

describe("preview: widget rows computed from dataset rows", () => {
    it("groups by the plain fields and computes each aggregate per group, as the widget's query does", () => {
        const rows = aggregateRows(
            attempts,
            [
                { name: "country_code", expression: "`country_code`" },
                { name: "count(*)", expression: "COUNT(`*`)" },
                { name: "sum(amount)", expression: "SUM(`amount`)" },
                { name: "avg(approved_pct)", expression: "AVG(`approved_pct`)" },
                { name: "countdistinct(merchant_id)", expression: "COUNT(DISTINCT `merchant_id`)" },
            ],
            false,
            "w",
            "f.json",
        );
        assert.deepEqual(rows, [
            { country_code: "DE", "count(*)": 1, "sum(amount)": 5, "avg(approved_pct)": 100, "countdistinct(merchant_id)": 1 },
            { country_code: "US", "count(*)": 2, "sum(amount)": 40, "avg(approved_pct)": 50, "countdistinct(merchant_id)": 2 },
        ]);
    });

    it("truncates timestamps for DATE_TRUNC fields, and a counter is one group over every row", () => {
        const hourly = aggregateRows(attempts, [{ name: "hourly(event_time)", expression: 'DATE_TRUNC("HOUR", `event_time`)' }, { name: "count(*)", expression: "COUNT(`*`)" }], false, "w", "f.json");
        assert.deepEqual(hourly, [
            { "hourly(event_time)": "2026-01-30T10:00:00.000Z", "count(*)": 2 },
            { "hourly(event_time)": "2026-01-30T11:00:00.000Z", "count(*)": 1 },
        ]);
        assert.deepEqual(aggregateRows(attempts, [{ name: "median(amount)", expression: "PERCENTILE(`amount`, 0.5)" }], false, "w", "f.json"), [{ "median(amount)": 10 }]);
    });

    it("keeps one row per dataset row for a disaggregated query", () => {
        const rows = aggregateRows(attempts, [{ name: "amount", expression: "`amount`" }], true, "w", "f.json");
        assert.deepEqual(rows, [{ amount: 10 }, { amount: 30 }, { amount: 5 }]);
    });

    it("fails naming the file, the row and the column a field reads when the rows lack it", () => {
        assert.throws(() => aggregateRows(attempts, [{ name: "sum(fee)", expression: "SUM(`fee`)" }], false, 'widget "w"', "f.json"), /widget "w": f\.json row 0 has no column "fee" \(field "sum\(fee\)"\)/);
        assert.throws(
            () => aggregateRows([{ t: "soon" }], [{ name: "daily(t)", expression: 'DATE_TRUNC("DAY", `t`)' }], false, 'widget "w"', "f.json"),
            /widget "w": f\.json row 0, field "daily\(t\)": "soon" is not a date or timestamp/,
        );
    });
});
