/**
 * Rules for a Databricks App's `app.yaml`: it must parse, and the runtime reads only `command` (the argv
 * that starts the app, a list) and `env` (name plus exactly one of value / valueFrom). A typo here is
 * otherwise found only when a deployment fails or the app starts without its settings.
 */
import { isMap, parseDocument } from "yaml";

const knownKeys = ["command", "env"];

/** Problems of the app.yaml `text`, each naming `source` and the bad key. Empty when it is valid. */
export function appYamlProblems(text: string, source: string): string[] {
    const document = parseDocument(text, { uniqueKeys: true });
    if (document.errors.length > 0) {
        // The parser's message is "<problem> at line L, column C:" followed by a source excerpt; the first line suffices.
        return document.errors.map((error) => `${source}: not valid YAML: ${error.message.split("\n")[0].replace(/:$/, "")}`);
    }
    if (!isMap(document.contents)) return [`${source}: must be a mapping with the keys ${knownKeys.join(", ")}`];
    const config = document.toJS() as Record<string, unknown>;
    const problems: string[] = [];
    for (const key of Object.keys(config)) {
        if (!knownKeys.includes(key)) problems.push(`${source}: unknown key "${key}"; valid keys are ${knownKeys.join(", ")}`);
    }
    problems.push(...commandProblems(config["command"], source));
    if ("env" in config) problems.push(...envProblems(config["env"], source));
    return problems;
}

/** The `command` argv, once `appYamlProblems` found none: which files the app starts with. */
export function appCommand(text: string): string[] {
    return (parseDocument(text).toJS() as { command: string[] }).command;
}

function commandProblems(command: unknown, source: string): string[] {
    if (command === undefined) return [`${source}: "command" is missing; give the argv that starts the app, e.g. ["npm", "run", "start"]`];
    if (!Array.isArray(command) || command.length === 0) {
        return [`${source}: "command" must be a non-empty list such as ["npm", "run", "start"], got ${JSON.stringify(command)}`];
    }
    return command.flatMap((part, index) =>
        typeof part === "string" && part.trim().length > 0
            ? []
            : [`${source}: "command[${index}]" must be a non-empty string, got ${JSON.stringify(part)}`],
    );
}

function envProblems(env: unknown, source: string): string[] {
    if (!Array.isArray(env)) return [`${source}: "env" must be a list of {name, value | valueFrom}, got ${JSON.stringify(env)}`];
    const problems: string[] = [];
    const seen = new Set<string>();
    env.forEach((entry: unknown, index) => {
        const where = `${source}: "env[${index}]"`;
        if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
            problems.push(`${where} must be a mapping with name and value or valueFrom, got ${JSON.stringify(entry)}`);
            return;
        }
        const record = entry as Record<string, unknown>;
        for (const key of Object.keys(record)) {
            if (!["name", "value", "valueFrom"].includes(key)) problems.push(`${where} has unknown key "${key}"; valid keys are name, value, valueFrom`);
        }
        const name = record["name"];
        if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
            problems.push(`${where}.name must be an environment variable name, got ${JSON.stringify(name)}`);
        } else if (seen.has(name)) {
            problems.push(`${where}.name "${name}" is declared twice`);
        } else {
            seen.add(name);
        }
        const sources = ["value", "valueFrom"].filter((key) => key in record);
        if (sources.length !== 1) {
            problems.push(`${where} (${String(name)}) needs exactly one of value or valueFrom, got ${sources.length === 0 ? "neither" : "both"}`);
        } else if (typeof record[sources[0]] !== "string" || (record[sources[0]] as string).length === 0) {
            problems.push(`${where}.${sources[0]} must be a non-empty string, got ${JSON.stringify(record[sources[0]])}`);
        }
    });
    return problems;
}
