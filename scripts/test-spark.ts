/**
 * `npm run test:spark`: proves the workloads on real Spark, locally (needs `npm run spark:setup` first).
 *
 * Renders what the stack deploys with the deployment's own code (scripts/lib/spark-local.ts), runs the Python
 * unit tests of the local runner, then spark_local/run_all.py in the project's venv: simulator, ETL pipeline,
 * every SQL file twice, every dashboard dataset, the Genie sync, training, contract check. The training and Genie
 * sync exit values are parsed by the same functions the deployment uses. Prints one summary line; exits non-zero naming what failed.
 *
 * The approval rules live where the app keeps them: a local PostgreSQL (Debian's, as in the app's tests) that the
 * app's own rule store fills, read by Spark through a JDBC catalog named like the stack's Lakebase catalog.
 *
 * The `{{catalog}}` placeholder is rendered as `spark_catalog`: OSS Spark resolves three-part names only in
 * its session catalog, the one catalog Delta can back. `{{schema}}` is the stack's real schema.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseGenieSyncExit } from "../components/analytics/genie-space-exit";
import { parseModelVersions } from "../components/data/model-versions";
import { StackNames } from "../components/naming";
import { parseStrictOptions } from "./lib/cli-args";
import { REPO_ROOT, stackConfig } from "./lib/dashboards-stacks";
import { startPostgres } from "./lib/local-postgres";
import { buildSparkManifest } from "./lib/spark-local";
import { seedLocalRules } from "./lib/spark-rules";

const LOCAL_CATALOG = "spark_catalog";
const USAGE = "usage: npm run test:spark [-- --stack <name>]   (default stack: dev)";

interface RunResult {
    sqlFiles: number;
    datasets: { total: number; ran: number; withRows: number };
    models: number;
    exitValue: string | null;
    /** The two genie syncs' exit values (absent when the run stopped before them). */
    genie?: { exitValues: (string | null)[] };
    failures: string[];
}

function python(): string {
    const bin = path.join(REPO_ROOT, ".venv-spark", "bin", "python");
    if (!fs.existsSync(bin)) throw new Error(`${path.relative(REPO_ROOT, bin)} does not exist: run npm run spark:setup first`);
    return bin;
}

function tail(file: string, lines: number): string {
    if (!fs.existsSync(file)) return "";
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
}

/** The deployment binds the app to the space id in the sync's exit value: both syncs must carry the same one. */
function genieExitProblems(result: RunResult): string[] {
    if (!result.genie) return result.failures.length === 0 ? ["notebooks/sync_genie_space.py: the run reported no sync"] : [];
    try {
        const ids = result.genie.exitValues.map((value) => parseGenieSyncExit(value ?? "").spaceId);
        return new Set(ids).size === 1 && ids.length === 2 ? [] : [`notebooks/sync_genie_space.py exit values name spaces ${ids.join(", ")}; two syncs must report one space`];
    } catch (error) {
        return [`notebooks/sync_genie_space.py exit value: ${(error as Error).message}`];
    }
}

async function main(): Promise<number> {
    const started = Date.now();
    const options = parseStrictOptions(process.argv.slice(2), { stack: { type: "string" } }, (problem) => new Error(`${problem}\n${USAGE}`));
    const stack = options.stack ?? "dev";
    const config = stackConfig(stack);
    const schema = config.schema;
    const root = path.join(REPO_ROOT, ".tmp", "spark");
    const work = path.join(root, "work");
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(path.join(root, "rows"), { recursive: true, force: true }); // spark_local/dataset_rows.py refills it
    fs.mkdirSync(work, { recursive: true });
    const manifestFile = path.join(root, "manifest.json");
    const resultFile = path.join(root, "result.json");
    const logFile = path.join(root, "run.log");
    fs.rmSync(resultFile, { force: true });
    const manifest = buildSparkManifest(REPO_ROOT, LOCAL_CATALOG, schema, config.alerts);
    const postgres = await startPostgres();
    try {
        const lakebaseCatalog = new StackNames(stack, config.namePrefix).unityCatalog(config.lakebase.catalogName);
        const rules = await seedLocalRules(postgres, lakebaseCatalog);
        fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, rules }, null, 2));
        return runSpark(manifest, manifestFile, { work, resultFile, logFile, started });
    } finally {
        postgres.stop();
    }
}

interface RunFiles {
    readonly work: string;
    readonly resultFile: string;
    readonly logFile: string;
    readonly started: number;
}

function runSpark(manifest: ReturnType<typeof buildSparkManifest>, manifestFile: string, { work, resultFile, logFile, started }: RunFiles): number {
    const interpreter = python();
    const env = { ...process.env, PYTHONPATH: REPO_ROOT, PYTHONUNBUFFERED: "1", PYSPARK_PYTHON: interpreter, PYSPARK_DRIVER_PYTHON: interpreter };

    const unit = spawnSync(interpreter, ["-m", "unittest", "discover", "-s", path.join(REPO_ROOT, "spark_local", "tests"), "-t", REPO_ROOT], {
        cwd: REPO_ROOT,
        env,
        encoding: "utf8",
    });
    if (unit.status !== 0) {
        console.error(`spark: the local runner's unit tests failed (python -m unittest discover -s spark_local/tests):\n${unit.stdout}${unit.stderr}`);
        return 1;
    }

    const log = fs.openSync(logFile, "w");
    const run = spawnSync(
        interpreter,
        ["-m", "spark_local.run_all", "--manifest", manifestFile, "--work", work, "--result", resultFile],
        { cwd: work, env, stdio: ["ignore", log, log] },
    );
    fs.closeSync(log);
    const relativeLog = path.relative(REPO_ROOT, logFile);
    if (!fs.existsSync(resultFile)) {
        console.error(`spark: the run ended (exit ${run.status ?? run.signal}) without a result; last lines of ${relativeLog}:\n${tail(logFile, 40)}`);
        return 1;
    }
    const result = JSON.parse(fs.readFileSync(resultFile, "utf8")) as RunResult;
    const failures = [...result.failures];
    if (result.exitValue !== null) {
        try {
            // The deployment's own parser of the training run's output (components/data/training-run.ts).
            parseModelVersions(result.exitValue, manifest.models);
        } catch (error) {
            failures.push(`notebooks/train_models.py exit value: ${(error as Error).message}`);
        }
    } else if (failures.length === 0) {
        failures.push("notebooks/train_models.py: no exit value");
    }
    failures.push(...genieExitProblems(result));
    if (run.status !== 0 && failures.length === 0) failures.push(`spark_local.run_all exited with ${run.status ?? run.signal}; see ${relativeLog}`);
    const seconds = Math.round((Date.now() - started) / 1000);
    const { total, ran, withRows } = result.datasets;
    console.log(`spark: ${result.sqlFiles} SQL files, ${ran}/${total} dashboard datasets ran (${withRows} returned rows), ${result.models} models trained, ${seconds} s`);
    if (failures.length > 0) {
        console.error(`spark: ${failures.length} failure(s) (full log: ${relativeLog}):\n${failures.map((failure) => `  - ${failure}`).join("\n")}`);
        return 1;
    }
    return 0;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error: Error) => {
        console.error(`spark: ${error.message}`);
        process.exitCode = 1;
    },
);
