/**
 * The stack's Genie space is the deployment's: a deploy-time sync after the gold views exist, whose exit value
 * gives the id the app binds (at CAN_RUN), re-run in place on new inputs, deleted on destroy. Checked on the
 * program itself, under mocks, for dev and prod.
 */
import * as assert from "node:assert/strict";
import { DELETE_SPACE_NPM_SCRIPT, GENIE_SPACE_WORK } from "../../components/analytics/genie-space";
import { RUN_TOKEN_ENV } from "../../components/data/run-step";
import { Evaluation, evaluateProgram, findResource, ofType, RegisteredResource } from "../support/program";

const COMMAND = "command:local:Command";
const APP = "databricks:index/app:App";
const JOB = "databricks:index/job:Job";
const SPACE_ID = "01f0c0ffee0000000000000000000abc";
const syncStdout = `Genie space 'Payment Analytics' created: ${SPACE_ID}\n{"action": "created", "space_id": "${SPACE_ID}"}\n`;
const EMPTY = { ready: false, reason: "prod_catalog.ahs_demo_payment_analysis_prod.payments_enriched_silver does not exist yet" };

type GenieBinding = { name: string; genieSpace?: { name: string; spaceId: string; permission: string } };
const genieBindings = (e: Evaluation) => (findResource(e.resources, APP, "app").inputs["resources"] as GenieBinding[]).filter((b) => b.genieSpace);

describe("the stack's Genie space", function () {
    this.timeout(180_000);
    let dev: Evaluation;
    let prod: Evaluation;
    before(async () => {
        dev = await evaluateProgram({ stack: "dev", commandStdout: { "genie-space-sync": syncStdout } });
        prod = await evaluateProgram({ stack: "prod", commandStdout: { "genie-space-sync": syncStdout } });
    });

    const sync = (e: Evaluation) => findResource(e.resources, COMMAND, "genie-space-sync");
    const genieJobId = (e: Evaluation) => `${findResource(e.resources, JOB, "jobs-genie-sync").name}-id`;

    it("is created at deploy time on dev and prod by a run of the genie_sync job", () => {
        for (const e of [dev, prod]) {
            const create = String(sync(e).inputs["create"]);
            assert.match(create, new RegExp(`^npm run --silent run-job -- --job-id ${genieJobId(e)} `), create);
            assert.equal(sync(e).inputs["update"], create, "new inputs re-run the sync in place (the notebook updates the same-titled space)");
        }
    });

    it("waits for the step that creates the gold views: the bootstrap's in dev, a gold views run of its own in prod", () => {
        const devViews = findResource(dev.resources, COMMAND, "bootstrap-gold-views");
        assert.ok(sync(dev).dependencies.includes(devViews.urn), sync(dev).dependencies.join(", "));
        assert.ok(!ofType(dev.resources, COMMAND).some((c) => c.name === "gold-views-create"), "dev runs the gold views once, in the bootstrap");
        const prodViews = findResource(prod.resources, COMMAND, "gold-views-create");
        assert.match(String(prodViews.inputs["create"]), new RegExp(`--job-id ${findResource(prod.resources, JOB, "jobs-gold-views").name}-id `));
        assert.ok(sync(prod).dependencies.includes(prodViews.urn), sync(prod).dependencies.join(", "));
    });

    it("deletes the space on destroy, and replaces (deleting first) only when the title changes", () => {
        for (const e of [dev, prod]) {
            const command = sync(e);
            assert.match(String(command.inputs["delete"]), new RegExp(`^npm run --silent ${DELETE_SPACE_NPM_SCRIPT}( |$)`));
            assert.equal(command.inputs["addPreviousOutputInEnv"], true, "the delete reads the space id from the last sync's stdout");
            assert.deepEqual(command.inputs["triggers"], [genieBindings(e)[0].genieSpace?.name]);
        }
    });

    it("gives the space the title the genie_sync job passes to the notebook", () => {
        for (const e of [dev, prod]) {
            const job = findResource(e.resources, JOB, "jobs-genie-sync");
            const tasks = job.inputs["tasks"] as { notebookTask: { baseParameters: Record<string, string> } }[];
            assert.equal(genieBindings(e)[0].genieSpace?.name, tasks[0].notebookTask.baseParameters["space_title"]);
        }
    });

    it("re-runs when the notebook or the job spec changes: the run token follows their hash", async () => {
        const token = (e: Evaluation) => (sync(e).inputs["environment"] as Record<string, string>)[RUN_TOKEN_ENV];
        const otherSchema = await evaluateProgram({ stack: "dev", configOverrides: { "payment-analysis:schema": "payment_analysis_other" } });
        assert.ok(token(dev), "the sync carries a run token");
        assert.notEqual(token(otherSchema), token(dev), "a new schema is a new input");
        const again = await evaluateProgram({ stack: "dev" });
        assert.equal(token(again), token(dev), "the same inputs never re-run the sync");
    });

    it("binds the space the sync reported to the app, at CAN_RUN", () => {
        for (const e of [dev, prod]) {
            const bindings = genieBindings(e);
            assert.equal(bindings.length, 1);
            assert.equal(bindings[0].name, "genie-space");
            assert.equal(bindings[0].genieSpace?.spaceId, SPACE_ID);
            assert.equal(bindings[0].genieSpace?.permission, "CAN_RUN");
            assert.equal(e.outputs["genieSpaceId"], SPACE_ID);
            assert.ok(findResource(e.resources, APP, "app").dependencies.includes(sync(e).urn), "the app's binding consumes the sync's output");
        }
    });

    it("has no space on a stack without data yet, and says so in pendingWork", async () => {
        const empty = await evaluateProgram({ stack: "prod", dataReadiness: EMPTY });
        assert.deepEqual(ofType(empty.resources, COMMAND).filter((c: RegisteredResource) => c.name.startsWith("genie-space")), []);
        assert.deepEqual(genieBindings(empty), []);
        assert.ok((empty.outputs["pendingWork"] as string[]).includes(`${GENIE_SPACE_WORK}: ${EMPTY.reason}`));
        assert.equal(empty.outputs["genieSpaceId"], null);
    });
});
