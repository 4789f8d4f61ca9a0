import { strict as assert } from "assert";
import { columnNames, datasetByName, datasets, datasetsInLayer, MERCHANT_COUNT, MERCHANT_SEGMENTS, merchantAt, merchants } from "../../contract";
import { columnsFromDdl } from "../../contract/ddl";
import { indexDatasets } from "../../contract/lookup";

describe("data contract", () => {
    it("lookups name an unknown dataset and suggest the closest valid names", () => {
        assert.equal(datasetByName("payments_enriched_silver").layer, "silver");
        assert.throws(() => datasetByName("payments_enriched_silvr"), /unknown dataset "payments_enriched_silvr": did you mean "payments_enriched_silver"/);
    });

    it("refuses two datasets with one name", () => {
        const [first] = datasets;
        assert.throws(() => indexDatasets([first, { ...first, producer: { kind: "sql", path: "sql/x.sql" } }]), /declared twice/);
    });

    it("has one gold layer: 15 SQL views, and no notebook produces a gold object", () => {
        const gold = datasetsInLayer("gold");
        assert.equal(gold.length, 15);
        assert.ok(gold.every((d) => d.kind === "view" && d.producer.kind === "sql"));
        assert.ok(datasets.filter((d) => d.producer.kind === "notebook").every((d) => !d.name.startsWith("v_")));
    });

    it("the landing table has the 46 event columns, carried into bronze and silver", () => {
        const landing = columnNames("payments_stream_input");
        assert.equal(landing.length, 46);
        for (const downstream of ["payments_raw_bronze", "payments_enriched_silver", "payments_stream_bronze"]) {
            const columns = columnNames(downstream);
            assert.deepEqual(landing.filter((c) => !columns.includes(c)), [], downstream);
        }
    });

    it("the merchant rule covers every merchant the simulator emits, with one segment each", () => {
        assert.equal(merchants.length, MERCHANT_COUNT);
        assert.deepEqual(new Set(merchants.map((m) => m.merchantId)).size, MERCHANT_COUNT);
        assert.equal(merchantAt(99).merchantId, "m_99");
        assert.deepEqual(new Set(merchants.map((m) => m.merchantSegment)), new Set(MERCHANT_SEGMENTS));
        assert.throws(() => merchantAt(100), /out of range: valid indexes are 0\.\.99/);
    });
});

describe("columnsFromDdl", () => {
    it("reads names, types, nullability and struct types", () => {
        const columns = columnsFromDdl("a string not null, b struct<x:int,y:double>", "t");
        assert.deepEqual(columns, [{ name: "a", type: "string", nullable: false }, { name: "b", type: "struct<x:int,y:double>" }]);
    });

    it("rejects bad entries naming the source and the problem", () => {
        assert.throws(() => columnsFromDdl("a varchar", "t"), /t: column "a": type "varchar" is not one of/);
        assert.throws(() => columnsFromDdl("a string, a int", "t"), /t: column "a" is declared twice/);
        assert.throws(() => columnsFromDdl("Amount double", "t"), /lower-case snake_case/);
        assert.throws(() => columnsFromDdl("a string,, b int", "t"), /empty column entry/);
        assert.throws(() => columnsFromDdl("a struct<x:int", "t"), /unbalanced/);
    });
});
