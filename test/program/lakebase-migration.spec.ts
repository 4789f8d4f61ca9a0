/**
 * docs/lakebase-migration.md moves a stack from the legacy Lakebase instance by naming the legacy
 * resources' URNs in `pulumi state` commands. Those URNs are only right while the Lakebase component keeps
 * the type and name they were parented to; these tests hold the document and the program to each other.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Evaluation, evaluateProgram, findResource, REPO_ROOT } from "../support/program";

const DOC = fs.readFileSync(path.join(REPO_ROOT, "docs", "lakebase-migration.md"), "utf8");

/** The doc's URNs, with `$STACK` put in for the stack. */
function documentedUrns(stack: string): Record<string, string> {
    const urns: Record<string, string> = {};
    for (const match of DOC.matchAll(/^(LEGACY_\w+)='urn:pulumi:'"\$STACK"'(::[^']+)'$/gm)) urns[match[1]] = `urn:pulumi:${stack}${match[2]}`;
    return urns;
}

describe("the Lakebase migration path (docs/lakebase-migration.md)", function () {
    this.timeout(120_000);
    const stacks: Record<string, Evaluation> = {};

    before(async () => {
        for (const stack of ["dev", "prod"]) stacks[stack] = await evaluateProgram({ stack });
    });

    it("names the legacy instance and catalog under the Lakebase component the program still registers", () => {
        for (const [stack, e] of Object.entries(stacks)) {
            const urns = documentedUrns(stack);
            assert.deepStrictEqual(Object.keys(urns).sort(), ["LEGACY_CATALOG", "LEGACY_INSTANCE"]);
            const component = findResource(e.resources, "payment-analysis:platform:Lakebase", "lakebase");
            const parentType = component.urn.split("::")[2];
            assert.strictEqual(urns["LEGACY_INSTANCE"], `urn:pulumi:${stack}::payment-analysis::${parentType}$databricks:index/databaseInstance:DatabaseInstance::lakebase-instance`);
            assert.strictEqual(urns["LEGACY_CATALOG"], `urn:pulumi:${stack}::payment-analysis::${parentType}$databricks:index/databaseDatabaseCatalog:DatabaseDatabaseCatalog::lakebase-catalog`);
        }
    });

    it("needs step 2: the program registers neither legacy resource, so `up` would delete them", () => {
        for (const [stack, e] of Object.entries(stacks)) {
            const registered = new Set(e.resources.map((r) => r.urn));
            for (const urn of Object.values(documentedUrns(stack))) assert.ok(!registered.has(urn), `${urn} is still registered`);
        }
    });

    it("needs the legacy catalog deleted first: the new catalog takes its Unity Catalog name", () => {
        for (const [stack, e] of Object.entries(stacks)) {
            const catalog = findResource(e.resources, "databricks:index/postgresCatalog:PostgresCatalog", "lakebase-catalog");
            assert.strictEqual(catalog.inputs["catalogId"], `payment_analysis_lakebase_${stack}`);
            assert.ok(DOC.includes('databricks database delete-database-catalog "$CATALOG"'));
        }
    });

    it("reads the legacy names from outputs the previous version exported, and the new ones from outputs this one exports", () => {
        for (const output of ["lakebaseProject", "lakebaseBranch", "lakebaseCatalog"]) {
            assert.ok(DOC.includes(`stack output ${output}`), output);
            assert.ok(output in stacks["dev"].outputs, `the program no longer exports ${output}`);
        }
        assert.ok(DOC.includes("stack output lakebaseInstance"));
        assert.ok(!("lakebaseInstance" in stacks["dev"].outputs), "the legacy output is read before the upgrade, not after");
    });
});
