/**
 * The app's principal gets exactly what the pages use: each binding at the least permission that works,
 * every binding read by app.yaml (so none is granted for nothing), and app.yaml reading no binding the
 * program does not declare. Checked on the program itself, under mocks, for dev and prod.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { Evaluation, evaluateProgram, findResource } from "../support/program";
import { APP_DIR } from "../../checks/app";

type Binding = { name: string } & Record<string, { permission?: string } | string>;

describe("the app principal's bindings", function () {
    this.timeout(180_000);
    let stacks: Evaluation[];
    before(async () => {
        stacks = [await evaluateProgram({ stack: "dev" }), await evaluateProgram({ stack: "prod" })];
    });

    const bindingsOf = (e: Evaluation) => findResource(e.resources, "databricks:index/app:App", "app").inputs["resources"] as Binding[];
    const appYamlKeys = () =>
        ((parseYaml(fs.readFileSync(path.join(APP_DIR, "app.yaml"), "utf8")) as { env: { valueFrom?: string }[] }).env.map((e) => e.valueFrom).filter(Boolean) as string[]).sort();

    it("declares exactly the bindings app.yaml reads", () => {
        for (const e of stacks) assert.deepEqual(bindingsOf(e).map((b) => b.name).sort(), appYamlKeys());
    });

    it("binds each at the least permission its page needs", () => {
        const expected: Record<string, string> = {
            sqlWarehouse: "CAN_USE", // Dashboard and the policy test run queries
            postgres: "CAN_CONNECT_AND_CREATE", // Rules: the app creates its schema and tables (Lakebase Autoscaling)
            ucSecurable: "READ_VOLUME", // only the volume's path is used, for the catalog and schema
            servingEndpoint: "CAN_QUERY", // Decisioning scores; ML Models reads the state
            job: "CAN_MANAGE_RUN", // Setup & Run starts the jobs
            secret: "READ", // the stack's pipeline and dashboard ids, which Apps cannot bind
            genieSpace: "CAN_RUN", // Ask starts conversations in the space; it never edits it
        };
        for (const e of stacks) {
            for (const binding of bindingsOf(e)) {
                const kind = Object.keys(binding).find((key) => key in expected);
                assert.ok(kind, `${binding.name} binds a kind of resource no page uses`);
                assert.equal((binding[kind] as { permission: string }).permission, expected[kind], binding.name);
            }
        }
    });
});
