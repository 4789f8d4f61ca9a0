/**
 * Headless Chromium from the system (Debian's `chromium` package; `.ci/run` installs it). Run per page with
 * a virtual time budget so the page's script has drawn every chart before the screenshot is taken.
 */
import { execFileSync, spawnSync } from "child_process";
import { pathToFileURL } from "url";

/**
 * `chromium` (Debian, .ci/run) or `chromium-browser`; `CHROMIUM` names another Chromium-based browser,
 * e.g. the google-chrome that GitHub's Ubuntu runners ship instead (same engine, same flags).
 */
export function findChromium(): string | undefined {
    const candidates = process.env.CHROMIUM ? [process.env.CHROMIUM] : ["chromium", "chromium-browser"];
    for (const name of candidates) {
        const found = spawnSync("sh", ["-c", 'command -v "$1"', "sh", name], { encoding: "utf8" });
        if (found.status === 0 && found.stdout.trim() !== "") return found.stdout.trim();
    }
    return undefined;
}

function baseArgs(width: number, height: number): string[] {
    return [
        "--headless",
        "--disable-gpu",
        "--no-sandbox",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--no-first-run",
        "--disable-extensions",
        `--window-size=${width},${height}`,
        "--virtual-time-budget=15000",
    ];
}

export function screenshot(chromium: string, htmlFile: string, pngFile: string, size: { width: number; height: number }): void {
    const result = spawnSync(chromium, [...baseArgs(size.width, size.height), `--screenshot=${pngFile}`, pathToFileURL(htmlFile).href], {
        encoding: "utf8",
        timeout: 120_000,
    });
    if (result.status !== 0) throw new Error(`${chromium} failed on ${htmlFile} (status ${result.status}, ${result.signal ?? "no signal"}): ${result.stderr.slice(-2000)}`);
}

/** The DOM after the page's scripts ran, to read what the drawing script recorded. */
export function dumpDom(chromium: string, htmlFile: string, size: { width: number; height: number }): string {
    return execFileSync(chromium, [...baseArgs(size.width, size.height), "--dump-dom", pathToFileURL(htmlFile).href], {
        encoding: "utf8",
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
        stdio: ["ignore", "pipe", "pipe"],
    });
}
