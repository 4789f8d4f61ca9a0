/**
 * The Pulumi CLI refuses to preview or deploy a stack that leaves a project key without a default unset
 * ("Stack 'dev' is missing configuration values ..."). These tests run the CLI's own rule, compiled from the
 * Pulumi SDK (checks/stack-config), on every stack file, and state the rule the project follows to pass it.
 */
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml, stringify as toYaml } from "yaml";
import { parseConfig, projectKeys } from "../../components/config";
import { reviewStackFile } from "../../scripts/lib/review-stack";
import { withProjectDefaults } from "../../scripts/lib/stack-file";
import { REPO_ROOT } from "../support/program";

const CHECKER_SOURCE = path.join(REPO_ROOT, "checks", "stack-config");
const CHECKER = path.join(REPO_ROOT, ".tmp", "bin", "stack-config");
/** Keys a stack must set itself: what kind of environment it is, and the schema only it owns. */
const REQUIRED_KEYS = ["environment", "schema"];

function runChecker(projectDir: string, stacks: Record<string, string>): { status: number | null; out: string } {
    const result = spawnSync(CHECKER, [projectDir, ...Object.entries(stacks).map(([name, file]) => `${name}=${file}`)], { encoding: "utf8" });
    return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

function tempDir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "stack-config-"));
}

describe("stack config under the Pulumi CLI's own rule", function () {
    // The first build downloads and compiles the Pulumi SDK's workspace package; later ones are cached.
    this.timeout(600_000);

    before(() => {
        execFileSync("go", ["build", "-o", CHECKER, "."], { cwd: CHECKER_SOURCE, stdio: "inherit" });
    });

    it("builds the checker from the same Pulumi SDK version the program uses", () => {
        const goMod = fs.readFileSync(path.join(CHECKER_SOURCE, "go.mod"), "utf8");
        const sdk = /github\.com\/pulumi\/pulumi\/sdk\/v3 v(\S+)/.exec(goMod)?.[1];
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
        assert.strictEqual(sdk, pkg.dependencies["@pulumi/pulumi"]);
    });

    it("accepts every committed stack file", () => {
        const stacks = fs.readdirSync(REPO_ROOT).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f));
        assert.ok(stacks.length >= 2, stacks.join(", "));
        const { status, out } = runChecker(REPO_ROOT, Object.fromEntries(stacks.map((f) => [f.slice(7, -5), path.join(REPO_ROOT, f)])));
        assert.strictEqual(status, 0, out);
        for (const f of stacks) assert.match(out, new RegExp(`^${f.slice(7, -5)}: ok`, "m"));
    });

    it("accepts the review stack file `npm run review-stack` writes, and the program accepts what the CLI then hands it", () => {
        const dir = tempDir();
        const file = path.join(dir, "Pulumi.pr-17.yaml");
        fs.writeFileSync(file, reviewStackFile(17));
        const own = (parseYaml(fs.readFileSync(file, "utf8")) as { config: Record<string, string> }).config;
        assert.deepStrictEqual(Object.keys(own).sort(), ["payment-analysis:environment", "payment-analysis:schema"]);
        const { status, out } = runChecker(REPO_ROOT, { "pr-17": file });
        assert.strictEqual(status, 0, out);
        const config = parseConfig(projectKeys(withProjectDefaults(own, REPO_ROOT)), "pr-17");
        assert.strictEqual(config.namePrefix, "[pr-17] ");
        assert.strictEqual(config.access.runAsServicePrincipal, undefined);
        assert.deepStrictEqual(config.access.viewerGroups, []);
        assert.strictEqual(config.app.source.kind, "workspace");
        assert.strictEqual(config.jobCompute.kind, "serverless");
    });

    it("refuses, as the CLI does, a project key without a default that a stack leaves unset, naming the key", () => {
        const dir = tempDir();
        const project = parseYaml(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as { config: Record<string, { default?: unknown }> };
        delete project.config["namePrefix"].default;
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), toYaml(project));
        const { status, out } = runChecker(dir, { dev: path.join(REPO_ROOT, "Pulumi.dev.yaml") });
        assert.strictEqual(status, 1, out);
        assert.match(out, /Stack 'dev' is missing configuration value 'namePrefix'/);
    });

    it("gives every key but environment and schema a default in Pulumi.yaml", () => {
        const project = parseYaml(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as { config: Record<string, { default?: unknown }> };
        const withoutDefault = Object.entries(project.config).filter(([, declared]) => declared.default === undefined).map(([key]) => key);
        assert.deepStrictEqual(withoutDefault.sort(), REQUIRED_KEYS);
    });
});
