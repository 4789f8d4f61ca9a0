/**
 * Assets (SQL, dashboards) are plain files with `{{name}}` placeholders. One renderer fills them per
 * stack so that no catalog or schema is ever written into a file, and so a forgotten or misspelt
 * placeholder fails the deployment instead of reaching the workspace.
 */
export type TemplateValues = Readonly<Record<string, string>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The placeholder names a template uses, in order of first appearance. */
export function placeholdersIn(template: string): string[] {
    const names: string[] = [];
    for (const match of template.matchAll(PLACEHOLDER)) {
        if (!names.includes(match[1])) names.push(match[1]);
    }
    return names;
}

/**
 * Fills every `{{name}}` in `template`. `source` names the file in error messages.
 * Throws when the template uses a name that `values` lacks.
 */
export function renderTemplate(template: string, values: TemplateValues, source: string): string {
    const missing = placeholdersIn(template).filter((name) => !(name in values));
    if (missing.length > 0) {
        throw new Error(
            `${source}: placeholder(s) ${missing.map((m) => `{{${m}}}`).join(", ")} have no value; ` +
                `known placeholders are ${Object.keys(values).map((k) => `{{${k}}}`).join(", ")}`,
        );
    }
    return template.replace(PLACEHOLDER, (_, name: string) => values[name]);
}
