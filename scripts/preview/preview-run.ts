/**
 * Every page of every `dashboards/*.lvdash.json` to HTML and, with Chromium, to PNG. Files are found by
 * glob rather than from the dashboard list, so a new dashboard gets pictures without touching this code.
 */
import * as fs from "fs";
import * as path from "path";
import { findChromium, screenshot } from "./chromium";
import { readPreviewDashboard } from "./dashboard-shape";
import { renderPage } from "./page-html";
import { pngSize } from "./png-header";
import type { RowSource } from "./rows-input";

export interface PreviewOptions {
    readonly repoRoot: string;
    readonly outDir: string;
    /** Dashboard keys to draw; all when empty. */
    readonly only: readonly string[];
    readonly rowSource?: RowSource;
    /** false: HTML only (no browser). */
    readonly screenshots: boolean;
    readonly log: (line: string) => void;
}

export interface PreviewResult {
    readonly pages: { dashboard: string; page: string; html: string; png?: string }[];
    readonly notes: string[];
}

export function dashboardKeys(repoRoot: string): string[] {
    return fs
        .readdirSync(path.join(repoRoot, "dashboards"))
        .filter((name) => name.endsWith(".lvdash.json"))
        .map((name) => name.slice(0, -".lvdash.json".length))
        .sort();
}

export function runPreview(options: PreviewOptions): PreviewResult {
    const keys = dashboardKeys(options.repoRoot);
    const unknown = options.only.filter((key) => !keys.includes(key));
    if (unknown.length > 0) throw new Error(`unknown dashboard(s) ${unknown.join(", ")}; dashboards: ${keys.join(", ")}`);
    const chromium = options.screenshots ? findChromium() : undefined;
    if (options.screenshots && chromium === undefined) {
        throw new Error("chromium is not on PATH: install it with `apt-get update && apt-get install -y chromium` (or run with --html-only)");
    }
    const result: PreviewResult = { pages: [], notes: [] };
    for (const key of options.only.length > 0 ? options.only : keys) {
        const source = `dashboards/${key}.lvdash.json`;
        const dashboard = readPreviewDashboard(fs.readFileSync(path.join(options.repoRoot, source), "utf8"), key, source);
        const dir = path.join(options.outDir, key);
        fs.mkdirSync(dir, { recursive: true });
        for (const page of dashboard.pages) {
            const doc = renderPage(dashboard, page, options.rowSource);
            result.notes.push(...doc.notes);
            const html = path.join(dir, `${page.name}.html`);
            fs.writeFileSync(html, doc.html);
            let png: string | undefined;
            if (chromium !== undefined) {
                png = path.join(dir, `${page.name}.png`);
                screenshot(chromium, html, png, doc);
                const size = pngSize(fs.readFileSync(png), png);
                if (size.width !== doc.width || size.height !== doc.height) {
                    throw new Error(`${png}: chromium wrote ${size.width}x${size.height}, expected ${doc.width}x${doc.height}`);
                }
            }
            result.pages.push({ dashboard: key, page: page.name, html, png });
            options.log(`${key}/${page.name}: ${path.relative(options.repoRoot, png ?? html)} (${doc.width}x${doc.height})`);
        }
    }
    return result;
}
