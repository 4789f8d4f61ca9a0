import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readAssetFiles, treeHash } from "../../components/assets";

describe("the app's upload", () => {
    it("holds the sources only: installed packages and the UI build never go up, nor change the hash that triggers a deployment", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "app-upload-"));
        try {
            const write = (file: string, text: string) => {
                fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
                fs.writeFileSync(path.join(root, file), text);
            };
            write("app/app.yaml", "command: [npm, run, start]\n");
            write("app/server/server.ts", "export {};\n");
            write("app/client/src/main.tsx", "export {};\n");
            const before = readAssetFiles(root).appFiles;
            write("app/node_modules/pg/index.js", "module.exports = {};\n");
            write("app/server/node_modules/x.js", "1\n");
            write("app/client/dist/assets/index.js", "built\n");
            const after = readAssetFiles(root).appFiles;
            assert.deepEqual(after.map((f) => f.name), ["app.yaml", "client/src/main.tsx", "server/server.ts"]);
            assert.equal(treeHash(after), treeHash(before));
            write("app/server/server.ts", "export const changed = 1;\n");
            assert.notEqual(treeHash(readAssetFiles(root).appFiles), treeHash(before), "a source change deploys again");
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
