/**
 * Reads the training notebook's exit value, `{"<catalog>.<schema>.<model>": "<version>", ...}`, from the
 * runner's stdout (its last line). Pure, so every malformed case is tested.
 */
export function parseModelVersions(stdout: string, expectedModels: readonly string[]): Record<string, string> {
    const lines = stdout.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
    const hint = `expected the train_models notebook's exit value as the last line of stdout, a JSON object {"<catalog>.<schema>.<model>": "<version>"} for ${expectedModels.join(", ")}`;
    const last = lines[lines.length - 1];
    if (last === undefined) throw new Error(`training run: printed nothing; ${hint}`);
    let parsed: unknown;
    try {
        parsed = JSON.parse(last);
    } catch (error) {
        throw new Error(`training run: last line of stdout is not JSON (${(error as Error).message}): ${last.slice(0, 200)}; ${hint}`, { cause: error });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new Error(`training run: exit value is not a JSON object: ${last.slice(0, 200)}; ${hint}`);
    }
    const record = parsed as Record<string, unknown>;
    const missing = expectedModels.filter((model) => !(model in record));
    if (missing.length > 0) {
        throw new Error(`training run: exit value has no version for ${missing.join(", ")}; it has ${Object.keys(record).join(", ") || "no models"}`);
    }
    const versions: Record<string, string> = {};
    for (const model of expectedModels) {
        const version = record[model];
        const text = typeof version === "number" ? String(version) : version;
        if (typeof text !== "string" || !/^[1-9][0-9]*$/.test(text)) {
            throw new Error(`training run: version of ${model} is ${JSON.stringify(version)}; a Unity Catalog model version is a positive whole number such as "3"`);
        }
        versions[model] = text;
    }
    return versions;
}
