/**
 * One dashboard page as a self-contained HTML document: the grid, one element per widget, Vega inlined
 * (no network in CI or in a headless browser), and a script that draws every compiled spec and records
 * draw errors on <body data-render-errors> so a test can read them from the DOM.
 */
import type { PreviewDashboard, PreviewPage } from "./dashboard-shape";
import { gridColumns, PAGE_WIDTH_PX, pageSizePx, ROW_HEIGHT_PX } from "./grid-layout";
import { escapeHtml } from "./html-text";
import type { RowSource } from "./rows-input";
import { vegaScriptText } from "./vega-runtime";
import { renderWidget } from "./widget-element";

export interface PageDocument {
    readonly html: string;
    readonly width: number;
    readonly height: number;
    readonly notes: readonly string[];
}

const STYLE = `
body { margin: 0; background: #f4f5f7; font-family: Helvetica, Arial, sans-serif; color: #1f2328; }
.page { display: grid; grid-auto-rows: ${ROW_HEIGHT_PX}px; width: ${PAGE_WIDTH_PX}px; }
.widget { margin: 4px; padding: 8px; background: #fff; border: 1px solid #dde1e6; border-radius: 6px; overflow: hidden; box-sizing: border-box; }
.title { margin: 0 0 4px; font-size: 13px; font-weight: 600; height: 18px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.markdown h1 { font-size: 22px; margin: 2px 0 6px; } .markdown h2 { font-size: 17px; margin: 2px 0 4px; } .markdown h3 { font-size: 14px; margin: 2px 0; }
.markdown p, .markdown li { font-size: 12px; margin: 2px 0; }
.counter-value { font-size: 34px; font-weight: 600; color: #1b3a57; padding-top: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 11px; }
th { text-align: left; background: #f0f2f5; padding: 3px 6px; } td { padding: 3px 6px; border-top: 1px solid #eceef1; white-space: nowrap; }
.kind-filter { background: #fbfcfe; } .filter-label { font-size: 12px; font-weight: 600; } .filter-control { margin-top: 4px; border: 1px solid #b8c0cc; border-radius: 4px; padding: 4px 8px; font-size: 12px; color: #555; }
.placeholder { display: flex; height: 80%; align-items: center; justify-content: center; text-align: center; border: 2px dashed #d08770; color: #a0522d; font-size: 13px; }
.render-error { color: #b00020; font-size: 12px; }
`;

// Runs in the page: draw each compiled spec into the element before it; failures are written on the page and on <body>.
const DRAW = `
const errors = [];
const pending = [...document.querySelectorAll("script.vega-spec")].map((script) => {
  const target = script.previousElementSibling;
  const widget = script.closest("[data-widget]").dataset.widget;
  try {
    return new vega.View(vega.parse(JSON.parse(script.textContent)), { renderer: "svg", container: target }).runAsync()
      .catch((e) => { errors.push(widget + ": " + e.message); target.innerHTML = '<div class="render-error">' + e.message + '</div>'; });
  } catch (e) { errors.push(widget + ": " + e.message); target.innerHTML = '<div class="render-error">' + e.message + '</div>'; return Promise.resolve(); }
});
Promise.all(pending).then(() => { document.body.dataset.renderErrors = errors.join("\\n"); document.body.dataset.rendered = String(pending.length); });
`;

export function renderPage(dashboard: PreviewDashboard, page: PreviewPage, rowSource?: RowSource): PageDocument {
    const elements = page.layout.map((item) => renderWidget(item.widget, item.position, { dashboard, page, rowSource }));
    const { width, height } = pageSizePx(page);
    const html = [
        "<!doctype html>",
        `<html><head><meta charset="utf-8"><title>${escapeHtml(`${dashboard.key} / ${page.displayName}`)}</title><style>${STYLE}</style></head>`,
        `<body data-dashboard="${escapeHtml(dashboard.key)}" data-page="${escapeHtml(page.name)}">`,
        `<main class="page" style="grid-template-columns: repeat(${gridColumns(page.layoutVersion)}, 1fr)">`,
        ...elements.map((e) => e.html),
        "</main>",
        `<script>${vegaScriptText()}</script>`,
        `<script>${DRAW}</script>`,
        "</body></html>",
    ].join("\n");
    return { html, width, height, notes: elements.flatMap((e) => e.notes) };
}
