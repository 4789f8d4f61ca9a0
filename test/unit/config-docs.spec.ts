import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { KNOWN_KEYS } from "../../components/config";
import { REPO_ROOT } from "../support/program";

interface DeclaredKey {
    type?: string;
    description?: string;
}

const projectFile = parseYaml(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as { name: string; config: Record<string, DeclaredKey> };
const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

describe("config documentation", () => {
    it("declares exactly the keys the program accepts in Pulumi.yaml", () => {
        assert.strictEqual(projectFile.name, "payment-analysis");
        assert.deepStrictEqual(Object.keys(projectFile.config).sort(), [...KNOWN_KEYS].sort());
    });

    it("gives every declared key a description, and a type unless it holds an object", () => {
        for (const [key, declared] of Object.entries(projectFile.config)) {
            assert.ok(declared.description && declared.description.length > 10, `${key} has no description`);
            if (declared.type === undefined) assert.match(declared.description, /^Object/, `${key} has no type and does not say it holds an object`);
            else assert.ok(["string", "integer", "boolean", "array"].includes(declared.type), `${key}: ${declared.type}`);
        }
    });

    it("lists every key in the README's configuration table", () => {
        const documented = [...readme.matchAll(/^\| `([A-Za-z][A-Za-z0-9]*)` \|/gm)].map((m) => m[1]);
        assert.deepStrictEqual([...documented].sort(), [...KNOWN_KEYS].sort());
    });
});
