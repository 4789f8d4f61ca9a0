import * as assert from "assert";
import fc from "fast-check";
import { DISPLAY_NAME_MAX, isValidName, NAME_RULES, NameKind, physicalName, StackNames } from "../../components/naming";

/** Pulumi stack names: letters, digits, hyphens, underscores and periods. */
const stackName = fc.stringMatching(/^[A-Za-z0-9_.-]{1,100}$/);
const KIND_BASES: Record<NameKind, string> = {
    servingEndpoint: "approval-propensity",
    app: "payment-analysis",
    postgresId: "payment-analysis",
    postgresRole: "payment-analysis-owner",
    budgetPolicy: "payment-analysis",
    unityCatalog: "payment_analysis_lakebase",
    vectorSearchEndpoint: "payment-similar-transactions",
    secretScope: "payment-analysis-app",
};
const kinds = Object.keys(NAME_RULES) as NameKind[];

describe("stack-aware names", () => {
    it("names dev and prod objects as a reader expects", () => {
        const dev = new StackNames("dev", "[dev] ");
        assert.strictEqual(dev.display("Payment Analysis Warehouse"), "[dev] Payment Analysis Warehouse");
        assert.strictEqual(dev.servingEndpoint("approval-propensity"), "approval-propensity-dev");
        assert.strictEqual(dev.app("payment-analysis"), "payment-analysis-dev");
        assert.strictEqual(dev.unityCatalog("payment_analysis_lakebase"), "payment_analysis_lakebase_dev");
        assert.strictEqual(new StackNames("prod", "[PROD] ").postgresId("payment-analysis"), "payment-analysis-prod");
        assert.strictEqual(dev.budgetPolicy("payment-analysis"), "payment-analysis-dev");
        assert.strictEqual(dev.secretScope("payment-analysis-app"), "payment-analysis-app-dev");
    });

    it("folds a stack name outside an alphabet and marks it with a hash of the original", () => {
        const name = physicalName("unityCatalog", "payment_analysis_lakebase", "pr-42.feature");
        assert.match(name, /^payment_analysis_lakebase_pr_42_feature_[0-9a-f]{6}$/);
    });

    it("gives a pr-17 stack a Lakebase project or branch id as the API documents it: a letter first, then a-z, 0-9 and -", () => {
        assert.strictEqual(physicalName("postgresId", "payment-analysis", "pr-17"), "payment-analysis-pr-17");
        assert.ok(!isValidName("postgresId", "Payment-analysis"), "the rule itself must refuse upper case");
        assert.ok(!isValidName("postgresId", "1-payment"), "the rule itself must refuse a leading digit");
        assert.ok(!isValidName("postgresId", `p${"a".repeat(63)}`), "the rule itself must refuse 64 characters");
    });

    it("keeps Postgres role ids at four characters or more, as the role API requires", () => {
        assert.ok(!isValidName("postgresRole", "own"));
        assert.ok(isValidName("postgresRole", "owner"));
    });

    it("shortens a long stack name to the kind's limit, keeping it unique", () => {
        const long = "pull-request-1234-add-a-very-long-feature-name";
        const app = physicalName("app", "payment-analysis", long);
        assert.ok(app.length <= 30, app);
        assert.ok(isValidName("app", app), app);
        assert.notStrictEqual(app, physicalName("app", "payment-analysis", `${long}-2`));
    });

    it("refuses a base name that breaks the kind's rule", () => {
        assert.throws(() => physicalName("app", "Payment_Analysis", "dev"), /not valid for app/);
        assert.throws(() => physicalName("unityCatalog", "9lives", "dev"), /start with a letter/);
    });

    for (const kind of kinds) {
        it(`keeps every ${kind} name within its limits, for any stack name`, () => {
            fc.assert(
                fc.property(stackName, (stack) => {
                    const name = physicalName(kind, KIND_BASES[kind], stack);
                    assert.ok(isValidName(kind, name), `${name} (from stack ${stack}) breaks the ${kind} rule`);
                }),
                { numRuns: 300 },
            );
        });

        it(`gives different stacks different ${kind} names`, () => {
            fc.assert(
                fc.property(stackName, stackName, (a, b) => {
                    fc.pre(a !== b);
                    assert.notStrictEqual(physicalName(kind, KIND_BASES[kind], a), physicalName(kind, KIND_BASES[kind], b));
                }),
                { numRuns: 300 },
            );
        });
    }

    it("distinguishes stacks that differ only in case or punctuation", () => {
        const pairs: Array<[string, string]> = [["Dev", "dev"], ["pr.1", "pr-1"], ["pr_1", "pr-1"]];
        for (const [a, b] of pairs) {
            for (const kind of kinds) assert.notStrictEqual(physicalName(kind, KIND_BASES[kind], a), physicalName(kind, KIND_BASES[kind], b), `${kind}: ${a} vs ${b}`);
        }
    });

    it("keeps display names within the warehouse API's limit and distinct", () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 40 }), fc.string({ minLength: 1, maxLength: 200 }), fc.string({ minLength: 1, maxLength: 200 }), (prefix, a, b) => {
                const names = new StackNames("s", prefix);
                assert.ok(names.display(a).length <= DISPLAY_NAME_MAX);
                if (a !== b) assert.notStrictEqual(names.display(a), names.display(b));
            }),
            { numRuns: 300 },
        );
    });

    it("places each stack in its own workspace folder", () => {
        assert.strictEqual(new StackNames("dev", "").workspaceFolder("/Users/me@example.com/payment-analysis/"), "/Users/me@example.com/payment-analysis/dev");
        assert.notStrictEqual(new StackNames("pr.1", "").workspaceFolder("/Shared/x"), new StackNames("pr-1", "").workspaceFolder("/Shared/x"));
    });
});
