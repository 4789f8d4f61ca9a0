/** Fast wait settings for tests of the runner and the app deployer, with the progress lines captured. */
import { WaitSettings } from "../../scripts/lib/runner";
import { systemClock } from "../../scripts/lib/transport";

export function fastWaitSettings(overrides: Partial<WaitSettings> = {}): WaitSettings & { lines: string[] } {
    const lines: string[] = [];
    return {
        poll: { initialDelayMs: 2, maxDelayMs: 10, multiplier: 2 },
        timeoutMs: 10_000,
        clock: systemClock,
        log: (line) => lines.push(line),
        lines,
        ...overrides,
    };
}
