import { createHash } from "node:crypto";

/**
 * Turns resource inputs into `key path → display text` lines that stay short, stable and free of
 * secrets, so a plan diff in review shows what changed without drowning in serialized JSON.
 */

/** Strings longer than this are cut and tagged with a content hash, so a change still shows as a diff. */
export const MAX_VALUE_LENGTH = 120;
const KEEP_PREFIX = 60;

// Pulumi's wire markers (see @pulumi/pulumi runtime/rpc): restated because the SDK exports them only
// from an internal module.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const UNKNOWN_WIRE_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface ValueOptions {
    /** Absolute checkout path; replaced by `<repo>` so plans do not depend on where the repo lives. */
    readonly repoRoot?: string;
}

export interface InputLine {
    readonly key: string;
    readonly value: string;
}

export function shortHash(text: string): string {
    return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

/** Flattens inputs into sorted `a.b[0].c` paths; empty containers stay visible as `{}` / `[]`. */
export function flattenInputs(inputs: Readonly<Record<string, unknown>>, options: ValueOptions = {}): InputLine[] {
    const lines: InputLine[] = [];
    walk(inputs, "", lines, options);
    return lines;
}

function walk(value: unknown, path: string, lines: InputLine[], options: ValueOptions): void {
    const leaf = leafText(value, options);
    if (leaf !== undefined) {
        if (path !== "") lines.push({ key: path, value: leaf });
        return;
    }
    if (Array.isArray(value)) {
        if (value.length === 0) lines.push({ key: path, value: "[]" });
        value.forEach((element, index) => walk(element, `${path}[${index}]`, lines, options));
        return;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
    if (keys.length === 0 && path !== "") lines.push({ key: path, value: "{}" });
    for (const key of keys) walk(record[key], path === "" ? key : `${path}.${key}`, lines, options);
}

/** Display text for anything that is not walked into, or undefined for plain objects and arrays. */
function leafText(value: unknown, options: ValueOptions): string | undefined {
    if (value === null) return "null";
    if (typeof value === "string") return value === UNKNOWN_WIRE_VALUE ? "[unknown]" : formatString(value, options);
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (typeof value !== "object") {
        throw new Error(`plan: input of type ${typeof value} cannot be shown; expected JSON-like values`);
    }
    if (Array.isArray(value)) return undefined;
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) return "[secret]";
    if (record[SIG_KEY] === ASSET_SIG || record[SIG_KEY] === ARCHIVE_SIG) return assetText(record, options);
    if (record[SIG_KEY] === RESOURCE_SIG) return `[resource ${String(record.urn)}]`;
    if (isSdkObject(value)) return sdkObjectText(value, options);
    return undefined;
}

/** Deserialized inputs can hold SDK class instances (Unknown, FileAsset…) instead of wire markers. */
function isSdkObject(value: object): boolean {
    const prototype = Object.getPrototypeOf(value);
    return prototype !== Object.prototype && prototype !== null;
}

function sdkObjectText(value: object, options: ValueOptions): string {
    const className = value.constructor?.name ?? "object";
    if (className === "Unknown") return "[unknown]";
    const record = value as Record<string, unknown>;
    if (/Asset|Archive/.test(className)) return assetText(record, options, className);
    throw new Error(`plan: input of class ${className} cannot be shown; expected JSON-like values, assets or unknowns`);
}

function assetText(record: Record<string, unknown>, options: ValueOptions, kind = "asset"): string {
    const text = record.text;
    if (typeof text === "string") return `[${kind} text sha256:${shortHash(text)}, ${text.length} chars]`;
    for (const key of ["path", "uri"] as const) {
        const where = record[key];
        if (typeof where === "string") return `[${kind} ${key} ${formatString(where, options)}]`;
    }
    return `[${kind}]`;
}

/** JSON-quoted so newlines and quotes stay on one line; long values keep a prefix and a hash. */
export function formatString(raw: string, options: ValueOptions = {}): string {
    const text = options.repoRoot ? raw.split(options.repoRoot).join("<repo>") : raw;
    const quoted = JSON.stringify(text);
    if (quoted.length <= MAX_VALUE_LENGTH) return quoted;
    const prefix = JSON.stringify(text.slice(0, KEEP_PREFIX)).slice(0, -1);
    return `${prefix}…" (${text.length} chars, sha256:${shortHash(text)})`;
}
