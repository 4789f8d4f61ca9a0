import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { SAMPLE_TEMPLATE_VALUES } from "../../checks/sql";
import { splitStatements } from "../../checks/sql-statements";
import { renderTemplate } from "../../components/templating";
import { datasetsInLayer } from "../../contract";
import { ALL_SQL_FILES, LAKEHOUSE_BOOTSTRAP_SQL, SQL_DIR } from "../../contract/sql-files";

const root = path.resolve(__dirname, "../..");
const sqlFiles = fs.readdirSync(path.join(root, SQL_DIR)).filter((f) => f.endsWith(".sql")).sort();

describe("sql/ assets", () => {
    it("every SQL file is run by exactly one place in the job order, and every listed file exists", () => {
        assert.deepEqual([...ALL_SQL_FILES].sort(), sqlFiles);
        assert.equal(new Set(ALL_SQL_FILES).size, ALL_SQL_FILES.length);
    });

    // Each file's statements, its idempotency and the objects it creates (names, columns, types) are checked by
    // running it on Spark twice (npm run test:spark, spark_local/run_all.py); what follows is what Spark cannot see.

    it("the populate step runs last, after the gold views it fills the App tables from", () => {
        assert.equal(LAKEHOUSE_BOOTSTRAP_SQL[LAKEHOUSE_BOOTSTRAP_SQL.length - 1], "populate_lakehouse.sql");
        assert.ok(ALL_SQL_FILES.indexOf("gold_views.sql") < ALL_SQL_FILES.indexOf("populate_lakehouse.sql"));
        const text = fs.readFileSync(path.join(root, SQL_DIR, "populate_lakehouse.sql"), "utf8");
        const words = new Set(splitStatements(renderTemplate(text, SAMPLE_TEMPLATE_VALUES, "populate_lakehouse.sql")).flatMap((s) => s.words));
        const goldRead = datasetsInLayer("gold").filter((d) => [...words].some((word) => word.endsWith(d.name.toUpperCase())));
        assert.ok(goldRead.length > 0, "populate_lakehouse.sql should fill the App tables from gold views");
    });

    it("every file begins with the stack's USE CATALOG / USE SCHEMA", () => {
        for (const file of sqlFiles) {
            const text = fs.readFileSync(path.join(root, SQL_DIR, file), "utf8");
            const [first, second] = splitStatements(renderTemplate(text, SAMPLE_TEMPLATE_VALUES, file));
            assert.deepEqual(first?.words, ["USE", "CATALOG", `\`${SAMPLE_TEMPLATE_VALUES.catalog.toUpperCase()}\``], file);
            assert.deepEqual(second?.words, ["USE", "SCHEMA", `\`${SAMPLE_TEMPLATE_VALUES.schema.toUpperCase()}\``], file);
        }
    });

    it("app_config is seeded with the rendering stack's catalog and schema, not a fixed one", () => {
        const text = fs.readFileSync(path.join(root, SQL_DIR, "app_config.sql"), "utf8");
        const prod = renderTemplate(text, { catalog: "prod_catalog", schema: "payments_prod" }, "app_config.sql");
        const merge = splitStatements(prod).find((s) => s.words[0] === "MERGE");
        assert.ok(merge, "app_config.sql should upsert its row with MERGE");
        assert.ok(merge.words.includes("'PROD_CATALOG'") && merge.words.includes("'PAYMENTS_PROD'"), merge.text);
    });

    it("the Vector Search source table has change data feed on", () => {
        const text = fs.readFileSync(path.join(root, SQL_DIR, "vector_search_and_recommendations.sql"), "utf8");
        const create = splitStatements(renderTemplate(text, SAMPLE_TEMPLATE_VALUES, "vs.sql")).find((s) =>
            s.words.includes("TRANSACTION_SUMMARIES_FOR_SEARCH") && s.words[0] === "CREATE",
        );
        assert.ok(create, "no CREATE of transaction_summaries_for_search");
        assert.ok(create.words.includes("'DELTA.ENABLECHANGEDATAFEED'"), "CDF property missing");
        const index = create.words.indexOf("'DELTA.ENABLECHANGEDATAFEED'");
        assert.equal(create.words[index + 2], "'TRUE'");
    });
});
