/**
 * `npm run dashboards:preview [-- --only <key>]... [--rows <dir>] [--out <dir>] [--html-only]`
 * Pictures of every dashboard page without a workspace: sample rows (or real rows from --rows), charts
 * drawn by Vega, screenshots by headless Chromium. Output: .tmp/dashboard-previews/<dashboard>/<page>.png
 */
import * as path from "path";
import { runPreview, type PreviewResult } from "./preview/preview-run";
import { rowsFromDirectory } from "./preview/rows-input";

interface Args {
    only: string[];
    rows?: string;
    out: string;
    htmlOnly: boolean;
}

export function parseArgs(argv: readonly string[]): Args {
    const args: Args = { only: [], out: ".tmp/dashboard-previews", htmlOnly: false };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = (): string => {
            const next = argv[++i];
            if (next === undefined || next.startsWith("--")) throw new Error(`${flag} needs a value`);
            return next;
        };
        if (flag === "--only") args.only.push(value());
        else if (flag === "--rows") args.rows = value();
        else if (flag === "--out") args.out = value();
        else if (flag === "--html-only") args.htmlOnly = true;
        else throw new Error(`unknown argument ${flag}; usage: dashboards:preview [--only <key>]... [--rows <dir>] [--out <dir>] [--html-only]`);
    }
    return args;
}

/** What the command prints after the per-page lines: every note (e.g. a widget type drawn as a placeholder), then totals. */
export function summaryLines(result: PreviewResult, seconds: number): string[] {
    return [
        ...result.notes.map((note) => `NOTE ${note}`),
        `${result.pages.length} page(s) in ${seconds.toFixed(1)} s${result.notes.length > 0 ? `; ${result.notes.length} note(s) above` : ""}`,
    ];
}

function main(): void {
    const started = Date.now();
    const args = parseArgs(process.argv.slice(2));
    const repoRoot = path.resolve(__dirname, "..");
    const result = runPreview({
        repoRoot,
        outDir: path.resolve(args.out),
        only: args.only,
        rowSource: args.rows === undefined ? undefined : rowsFromDirectory(path.resolve(args.rows)),
        screenshots: !args.htmlOnly,
        log: (line) => console.log(line),
    });
    for (const line of summaryLines(result, (Date.now() - started) / 1000)) console.log(line);
}

if (require.main === module) {
    try {
        main();
    } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
    }
}
