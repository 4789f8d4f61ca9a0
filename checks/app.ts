/**
 * Checks the Databricks App folder before it is uploaded: app.yaml's shape; that its command starts an
 * npm script the package defines, and that the package builds its UI and pins its dependencies; and that
 * app.yaml gives the server every variable it reads (app/server/config.ts) from the binding the program
 * declares for it (components/app/bindings.ts), and nothing else.
 *
 * CLI: `npm run check:app` prints each problem and exits 1 if there is any.
 */
import { existsSync, readFileSync } from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { envName, JOB_KEYS, MODEL_KEYS } from "../app/server/config";
import { BINDING_KEYS } from "../components/app/bindings";
import { STACK_OBJECT_KEYS } from "../components/app/stack-objects";
import { appCommand, appYamlProblems } from "./app-yaml";

export const APP_DIR = path.join(__dirname, "..", "app");

/** Each variable the server reads, and the binding key app.yaml must take it from. */
export function expectedAppEnv(): Map<string, string> {
    return new Map<string, string>([
        [envName.warehouse, BINDING_KEYS.warehouse],
        [envName.reportsVolume, BINDING_KEYS.reportsVolume],
        [envName.lakebaseHost, BINDING_KEYS.lakebase],
        [envName.genieSpace, BINDING_KEYS.genieSpace],
        ...MODEL_KEYS.map((key) => [envName.serving(key), BINDING_KEYS.servingEndpoint(key)] as [string, string]),
        ...JOB_KEYS.map((key) => [envName.job(key), BINDING_KEYS.job(key)] as [string, string]),
        [envName.pipelines, BINDING_KEYS.stackObjects(STACK_OBJECT_KEYS.pipelines)],
        [envName.dashboards, BINDING_KEYS.stackObjects(STACK_OBJECT_KEYS.dashboards)],
    ]);
}

export function checkApp(folder: string): string[] {
    if (!existsSync(folder)) throw new Error(`app folder ${folder} does not exist`);
    const yamlFile = path.join(folder, "app.yaml");
    if (!existsSync(yamlFile)) return ["app.yaml is missing: Databricks Apps reads the start command and the bindings' variables from it"];
    const text = readFileSync(yamlFile, "utf8");
    const shape = appYamlProblems(text, "app.yaml");
    if (shape.length > 0) return shape;
    return [...packageProblems(folder, appCommand(text)), ...envProblems(text)];
}

function packageProblems(folder: string, command: string[]): string[] {
    const packageFile = path.join(folder, "package.json");
    if (!existsSync(packageFile)) return ["package.json is missing: the platform installs and builds a Node app from it"];
    const scripts = ((JSON.parse(readFileSync(packageFile, "utf8")) as { scripts?: Record<string, string> }).scripts ?? {}) as Record<string, string>;
    const problems: string[] = [];
    if (!scripts["build"]) problems.push('package.json has no "build" script: the platform runs `npm run build` to build the UI before starting the app');
    if (!existsSync(path.join(folder, "package-lock.json"))) problems.push("package-lock.json is missing: without it every deployment resolves dependency versions anew");
    if (command[0] !== "npm" || command[1] !== "run" || command.length !== 3) {
        problems.push(`app.yaml command must be ["npm", "run", "<script>"], got ${JSON.stringify(command)}`);
    } else if (!scripts[command[2]]) {
        problems.push(`app.yaml command runs the npm script "${command[2]}", which package.json does not define (scripts: ${Object.keys(scripts).join(", ")})`);
    }
    return problems;
}

function envProblems(text: string): string[] {
    const env = ((parseYaml(text) as { env?: { name: string; value?: string; valueFrom?: string }[] }).env ?? []);
    const expected = expectedAppEnv();
    const problems: string[] = [];
    for (const [name, binding] of expected) {
        const entry = env.find((e) => e.name === name);
        if (!entry) problems.push(`app.yaml does not set ${name}, which the server reads; add {name: ${name}, valueFrom: ${binding}}`);
        else if (entry.valueFrom !== binding) problems.push(`app.yaml takes ${name} from ${JSON.stringify(entry.valueFrom ?? entry.value)}, but the program binds it as "${binding}"`);
    }
    for (const entry of env) {
        if (!expected.has(entry.name)) problems.push(`app.yaml sets ${entry.name}, which the server never reads: remove it, or its binding grants the app more than its pages use`);
    }
    return problems;
}

if (require.main === module) {
    try {
        const problems = checkApp(APP_DIR);
        for (const problem of problems) console.error(`app/ ${problem}`);
        console.error(problems.length === 0 ? "app/: app.yaml, package.json and the bindings' variables are consistent" : `${problems.length} problem(s) in app/`);
        process.exitCode = problems.length === 0 ? 0 : 1;
    } catch (error) {
        console.error(`check:app could not run: ${(error as Error).message}`);
        process.exitCode = 2;
    }
}
