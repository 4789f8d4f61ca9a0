/**
 * What every script's command line shares: strict option parsing (no positionals, no unknown flags) and
 * the `--timeout-minutes` rule. Each script keeps its own usage text and error class.
 */
import { parseArgs, ParseArgsConfig } from "node:util";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** Parses `argv` against `options`; a malformed command line becomes the script's usage error. */
export function parseStrictOptions<O extends OptionsConfig>(argv: readonly string[], options: O, usageError: (problem: string) => Error) {
    try {
        return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values;
    } catch (error) {
        throw Object.assign(usageError((error as Error).message), { cause: error });
    }
}

/** `--timeout-minutes`: a positive number, or `fallback` when the flag is absent. */
export function parseTimeoutMinutes(raw: string | undefined, fallback: number, usageError: (problem: string) => Error): number {
    if (raw === undefined) return fallback;
    const minutes = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(minutes) || minutes <= 0) {
        throw usageError(`--timeout-minutes must be a positive number, got "${raw}"`);
    }
    return minutes;
}
