import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { columnNames, datasetByName } from "../../contract";
import { ConfigError, envName, readAppConfig, schemaOfVolume } from "../../app/server/config";
import { loadQuery, QUERY_DIR } from "../../app/server/sql";
import { conditionHolds, ConditionError, parseCondition } from "../../app/server/rules/condition";
import { appEnv } from "./support/app-env";

const pg = { host: "127.0.0.1", port: 5432, user: "u", password: "p", database: "d", stop: () => undefined };

describe("the app's settings", () => {
    it("takes the catalog and schema from the volume path the platform gives (the Python app's 500)", () => {
        assert.deepEqual(schemaOfVolume("/Volumes/main/payments_dev/reports"), { catalog: "main", schema: "payments_dev" });
        assert.deepEqual(schemaOfVolume("/Volumes/main/payments_dev/reports/"), { catalog: "main", schema: "payments_dev" });
        assert.deepEqual(schemaOfVolume("main.payments_dev.reports"), { catalog: "main", schema: "payments_dev" });
        for (const bad of ["/Volumes/main/reports", "main.reports", "/Volumes//s/v", ""]) {
            assert.throws(() => schemaOfVolume(bad), /REPORTS_VOLUME must be a volume path \/Volumes\/<catalog>\/<schema>\/<volume>/);
        }
    });

    it("reports every missing binding at once, by variable and binding key", () => {
        const env: Record<string, string> = appEnv("https://ws.example", pg);
        delete env[envName.warehouse];
        delete env[envName.job("gold_views")];
        env[envName.job("train_models")] = "not-a-number";
        assert.throws(
            () => readAppConfig(env),
            (error: Error) =>
                error instanceof ConfigError &&
                error.message.includes('DATABRICKS_WAREHOUSE_ID is not set (app.yaml binds it to the resource "sql-warehouse")') &&
                error.message.includes('JOB_GOLD_VIEWS is not set (app.yaml binds it to the resource "job-gold-views")') &&
                error.message.includes('JOB_TRAIN_MODELS must be a job id (digits), got "not-a-number"'),
        );
    });

    it("reads the stack's pipelines and dashboards from the JSON the program writes, naming the variable of a bad one", () => {
        const config = readAppConfig(appEnv("https://ws.example", pg));
        assert.deepEqual(Object.keys(config.pipelines), ["etl", "realtime"]);
        const bad = (name: string, value: string) => () => readAppConfig({ ...appEnv("https://ws.example", pg), [name]: value });
        assert.throws(bad(envName.pipelines, "etl=123"), /STACK_PIPELINES must be a JSON object \(the program writes it\), got "etl=123"/);
        assert.throws(bad(envName.pipelines, JSON.stringify({ etl: "" })), /STACK_PIPELINES is not what the program writes: etl /);
        assert.throws(bad(envName.dashboards, JSON.stringify({ overview: { id: "01f0" } })), /STACK_DASHBOARDS is not what the program writes: overview\.title /);
        const missing = appEnv("https://ws.example", pg);
        delete missing[envName.dashboards];
        assert.throws(() => readAppConfig(missing), /STACK_DASHBOARDS is not set \(app\.yaml binds it to the resource "stack-dashboards"\)/);
    });

    it("adds the scheme to a bare DATABRICKS_HOST and treats Genie as optional", () => {
        const withoutGenie: Record<string, string> = appEnv("adb-1.azuredatabricks.net/", pg);
        delete withoutGenie[envName.genieSpace];
        const config = readAppConfig(withoutGenie);
        assert.equal(config.host, "https://adb-1.azuredatabricks.net");
        assert.equal(config.genieSpaceId, undefined, "a stack without data has no space yet; the app still starts");
        assert.equal(readAppConfig({ ...appEnv("https://x", pg), GENIE_SPACE_ID: "01ef" }).genieSpaceId, "01ef");
    });
});

describe("the app's SQL files", () => {
    const files = fs.readdirSync(QUERY_DIR).filter((f) => f.endsWith(".sql")).map((f) => f.slice(0, -4));

    it("read only datasets and columns of the data contract, named through catalog and schema parameters", () => {
        assert.ok(files.length >= 5);
        for (const name of files) {
            const query = loadQuery(name);
            assert.deepEqual([query.params.get("catalog"), query.params.get("schema")], ["STRING", "STRING"], name);
            const dataset = /IDENTIFIER\(:catalog \|\| '\.' \|\| :schema \|\| '\.(\w+)'\)/.exec(query.text)?.[1];
            assert.ok(dataset, `${name}.sql names its dataset through IDENTIFIER(:catalog || '.' || :schema || '.<name>')`);
            const columns = new Set(columnNames(datasetByName(dataset).name));
            const select = /SELECT([\s\S]*?)FROM/.exec(query.text.replace(/^--.*$/gm, ""))![1];
            for (const item of select.split(",").map((part) => part.trim())) {
                const column = item.split(/\s+AS\s+/i)[0].split(".")[0].trim();
                assert.ok(columns.has(column), `${name}.sql selects ${column}, which ${dataset} does not have`);
            }
            for (const ordered of [...query.text.matchAll(/ORDER BY (\w+)/g)].map((m) => m[1])) assert.ok(columns.has(ordered), `${name}.sql orders by ${ordered}`);
        }
    });

    it("declare exactly the parameters they use", () => {
        const dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "queries-"));
        fs.writeFileSync(path.join(dir, "bad.sql"), "-- @param catalog STRING\n-- @param unused INT\nSELECT 1 FROM x WHERE a = :catalog AND b = :other\n");
        assert.throws(() => loadQuery("bad", dir), /bad\.sql: parameters used but not declared: \[other\]; declared but not used: \[unused\]/);
        fs.rmSync(dir, { recursive: true, force: true });
    });
});

describe("the rules' condition language", () => {
    it("parses comparisons joined by AND and evaluates them on a transaction", () => {
        const condition = parseCondition("amount > 500 AND card_network = 'visa' AND uses_3ds = false");
        assert.equal(conditionHolds(condition, { amount: 501, card_network: "VISA", uses_3ds: false }), true);
        assert.equal(conditionHolds(condition, { amount: 500, card_network: "VISA", uses_3ds: false }), false);
        assert.equal(conditionHolds(condition, { amount: 900, card_network: "VISA" }), false, "a missing field never matches");
    });

    it("refuses anything but field, operator and literal, naming the clause", () => {
        const cases: [string, RegExp][] = [
            ["amount > 1 OR 1 = 1", /clause 1 .*amount is a number, got 1 OR 1 = 1/],
            ["merchant = 'x'", /unknown field "merchant"; valid fields are amount/],
            ["uses_3ds > true", /uses_3ds is compared with = or != only/],
            ["card_network = VISA", /card_network takes a quoted text/],
            ["amount >", /is not "<field> <operator> <value>"/],
        ];
        for (const [text, message] of cases) assert.throws(() => parseCondition(text), (e: Error) => e instanceof ConditionError && message.test(e.message), text);
    });

    it("never throws anything but a ConditionError, whatever the text", () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 80 }), (text) => {
                try {
                    parseCondition(text);
                } catch (error) {
                    return error instanceof ConditionError;
                }
                return true;
            }),
        );
    });
});
