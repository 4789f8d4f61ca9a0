/**
 * Vega and Vega-Lite from node_modules, with no network. Both packages are ESM with top-level await, which
 * a CommonJS program cannot require; their UMD builds can run in a vm context, and those same files are
 * inlined into the preview pages, so Node compiles with exactly the code the browser draws with.
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";

const ROOT = path.resolve(__dirname, "..", "..");
export const VEGA_SCRIPT = path.join(ROOT, "node_modules", "vega", "build", "vega.min.js");
const VEGA_LITE_SCRIPT = path.join(ROOT, "node_modules", "vega-lite", "build", "vega-lite.min.js");

interface VegaLiteApi {
    compile(spec: unknown, options?: { logger?: unknown }): { spec: Record<string, unknown> };
    version: string;
}
interface VegaApi {
    parse(spec: unknown): unknown;
    version: string;
}

let loaded: { vega: VegaApi; vegaLite: VegaLiteApi } | undefined;

function load(): { vega: VegaApi; vegaLite: VegaLiteApi } {
    if (loaded) return loaded;
    const context: Record<string, unknown> = { structuredClone, console };
    context.globalThis = context;
    context.self = context;
    vm.createContext(context);
    for (const file of [VEGA_SCRIPT, VEGA_LITE_SCRIPT]) vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
    loaded = { vega: context.vega as VegaApi, vegaLite: context.vegaLite as VegaLiteApi };
    return loaded;
}

/**
 * Vega-Lite -> Vega, then parsed by Vega as well, so a spec the browser would refuse fails here with the
 * widget named rather than as a blank box in a picture. Vega-Lite warnings are errors too: they mean a
 * channel was dropped.
 */
export function compileVegaLite(spec: Record<string, unknown>, where: string): Record<string, unknown> {
    const { vega, vegaLite } = load();
    const warnings: string[] = [];
    const logger = {
        level: () => logger,
        warn: (...args: unknown[]) => { warnings.push(args.join(" ")); return logger; },
        info: () => logger,
        debug: () => logger,
        error: (...args: unknown[]) => { throw new Error(args.join(" ")); },
    };
    try {
        const compiled = vegaLite.compile(spec, { logger }).spec;
        vega.parse(compiled);
        if (warnings.length > 0) throw new Error(`Vega-Lite warnings: ${warnings.join("; ")}`);
        return compiled;
    } catch (error) {
        throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
}

export function vegaScriptText(): string {
    return fs.readFileSync(VEGA_SCRIPT, "utf8");
}
