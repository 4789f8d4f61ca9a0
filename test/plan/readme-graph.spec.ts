import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { GRAPH_END, GRAPH_START, mermaidBlock, withGraph } from "../../scripts/lib/readme-graph";
import { REPO_ROOT } from "../support/program";

describe("the README's dependency graph", () => {
    it("is the Mermaid graph of the committed dev plan", () => {
        const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
        const plan = fs.readFileSync(path.join(REPO_ROOT, "plans", "dev.md"), "utf8");
        assert.ok(
            readme === withGraph(readme, mermaidBlock(plan)),
            "README.md's graph differs from plans/dev.md: run `npm run plan -- --stack dev` and commit the result",
        );
    });

    it("is replaced between its markers and nowhere else", () => {
        const readme = `# t\n${GRAPH_START}\nold\n${GRAPH_END}\nrest\n`;
        assert.strictEqual(withGraph(readme, "```mermaid\ngraph LR\n```"), `# t\n${GRAPH_START}\n\`\`\`mermaid\ngraph LR\n\`\`\`\n${GRAPH_END}\nrest\n`);
        assert.throws(() => withGraph("# no markers", "x"), /needs the markers/);
        assert.throws(() => mermaidBlock("no graph here"), /no ```mermaid block/);
    });
});
