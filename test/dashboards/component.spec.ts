import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { prepareDashboards } from "../../components/analytics/prepare";
import { dashboardEntries } from "../../dashboards";

interface Registered {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
}

/** The value of an Output, or undefined when unknown (preview). */
function promiseOf<T>(output: pulumi.Output<T>): Promise<T | undefined> {
    return new Promise((resolve) => {
        (output as unknown as { isKnown: Promise<boolean> }).isKnown.then((known) => (known ? output.apply((v) => resolve(v)) : resolve(undefined)));
    });
}

const ARGS = {
    warehouseId: "wh-123",
    parentPath: "/Workspace/Users/deployer@example.com/payment-analysis-dev/dashboards",
    catalog: "main",
    schema: "payments_dev",
    workspaceUrl: "https://example.cloud.databricks.com/",
    displayNameFor: (title: string) => `[dev] ${title}`,
};

async function construct(preview: boolean): Promise<{ registered: Registered[]; outputs: Record<string, { id: string; url: string }> | undefined }> {
    const registered: Registered[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                registered.push({ type: args.type, name: args.name, inputs: args.inputs });
                return { id: preview ? undefined : `${args.name}-id`, state: args.inputs };
            },
            call: () => ({}),
        },
        "payment-analysis",
        "dev",
        preview,
    );
    // Loaded after the mocks, as the program would be.
    const { Dashboards } = await import("../../components/analytics/dashboards");
    const component = new Dashboards("analytics", ARGS);
    const outputs = await promiseOf(component.dashboards);
    return { registered, outputs };
}

describe("Dashboards component", () => {
    it("declares one Dashboard per template with the rendered JSON, warehouse, folder and stack display name", async () => {
        const { registered } = await construct(false);
        const dashboards = registered.filter((r) => r.type === "databricks:index/dashboard:Dashboard");
        assert.equal(dashboards.length, dashboardEntries.length);
        const expected = prepareDashboards({ catalog: ARGS.catalog, schema: ARGS.schema });
        for (const { entry, serialized } of expected) {
            const resource = dashboards.find((d) => d.name === `analytics-${entry.key}`);
            assert.ok(resource, `no resource for ${entry.key}`);
            assert.equal(resource.inputs.serializedDashboard, serialized);
            assert.equal(resource.inputs.warehouseId, ARGS.warehouseId);
            assert.equal(resource.inputs.parentPath, ARGS.parentPath);
            assert.equal(resource.inputs.embedCredentials, true);
            assert.equal(resource.inputs.displayName, `[dev] ${entry.title}`);
            assert.match(String(resource.inputs.serializedDashboard), /main\.payments_dev\./);
        }
    });

    it("outputs each dashboard's id, undecorated title and published URL by key", async () => {
        const { outputs } = await construct(false);
        assert.deepEqual(Object.keys(outputs ?? {}).sort(), dashboardEntries.map((e) => e.key).sort());
        assert.deepEqual(outputs?.daily_trends, {
            id: "analytics-daily_trends-id",
            title: "Daily Trends & Historical Analysis",
            url: "https://example.cloud.databricks.com/dashboardsv3/analytics-daily_trends-id/published",
        });
    });

    it("still declares every dashboard in preview, where ids are unknown", async () => {
        const { registered, outputs } = await construct(true);
        assert.equal(registered.filter((r) => r.type === "databricks:index/dashboard:Dashboard").length, dashboardEntries.length);
        assert.equal(outputs, undefined);
    });

    it("refuses to declare anything when a template is invalid, listing every problem", async () => {
        const declared: string[] = [];
        await pulumi.runtime.setMocks(
            { newResource: (args) => (declared.push(args.type), { id: `${args.name}-id`, state: {} }), call: () => ({}) },
            "payment-analysis",
            "dev",
            false,
        );
        const broken = (entry: { key: string }) =>
            entry.key === "daily_trends" ? '{"datasets": [], "pages": [{"name": "p", "displayName": "P", "pageType": "PAGE_TYPE_CANVAS"}]}' : '{"pages": "{{warehouse}}"}';
        assert.throws(() => prepareDashboards({ catalog: "main", schema: "s" }, broken), (error: Error) => {
            assert.match(error.message, /Dashboards are invalid \(13 problems\)/);
            assert.match(error.message, /dashboards\/daily_trends\.lvdash\.json: page "p" > layoutVersion/);
            assert.match(error.message, /dashboards\/executive_overview\.lvdash\.json: placeholder\(s\) \{\{warehouse\}\} have no value/);
            return true;
        });
        const { Dashboards } = await import("../../components/analytics/dashboards");
        assert.throws(() => new Dashboards("bad", { ...ARGS, schema: "not valid" }), /schema "not valid" is not a plain identifier/);
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepEqual(declared.filter((type) => type.startsWith("databricks:")), []);
    });
});
