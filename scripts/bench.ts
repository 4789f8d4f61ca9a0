/**
 * `npm run bench`: evaluates the full dev stack under mocks and prints how many resources it registers,
 * how long the evaluation takes relative to loading @pulumi/databricks alone, and the deployment's
 * critical path on a real workspace, estimated from the dependency graph and the durations of docs/deploy-flow.md, then the figures
 * of the last local Spark run (step times, the simulator's sustained event rate).
 */
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { RegisteredResource } from "../test/support/program";
import { DURATION_BY_COMMAND, DURATION_BY_TYPE, DurationEstimate, isInstant, UNLISTED_CUSTOM_MINUTES } from "./lib/bench-durations";
import { sparkFigures } from "./lib/bench-spark";
import { criticalPath, GraphNode } from "./lib/bench-graph";

/** A plausible training answer, so serving endpoints resolve as after a real run. */
function trainingStdout(catalog: string, schema: string): string {
    const models = ["approval_propensity_model", "risk_scoring_model", "smart_routing_policy", "smart_retry_policy"];
    return JSON.stringify(Object.fromEntries(models.map((model) => [`${catalog}.${schema}.${model}`, "1"])));
}

function estimateFor(resource: RegisteredResource, unlisted: Set<string>): DurationEstimate {
    if (isInstant(resource.type, resource.custom)) return { minutes: 0, basis: "component or provider" };
    if (resource.type === "command:local:Command") {
        const match = DURATION_BY_COMMAND.find((c) => resource.name.endsWith(c.nameEndsWith));
        if (match) return match;
    }
    const known = DURATION_BY_TYPE[resource.type];
    if (known) return known;
    unlisted.add(resource.type);
    return { minutes: UNLISTED_CUSTOM_MINUTES, basis: "not in the table: assumed seconds" };
}

/** Depending on a component means waiting for everything inside it. */
function expandComponents(resources: readonly RegisteredResource[]): (urn: string) => string[] {
    const children = new Map<string, string[]>();
    for (const r of resources) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);
    const custom = new Map(resources.map((r) => [r.urn, r.custom]));
    const expand = (urn: string): string[] => (custom.get(urn) === false ? (children.get(urn) ?? []).flatMap(expand) : [urn]);
    return expand;
}

const minutes = (m: number) => `${m.toFixed(1)} min`;

async function main(): Promise<void> {
    const requireStart = performance.now();
    require("@pulumi/databricks");
    const requireMs = performance.now() - requireStart;

    const { evaluateProgram, readStackConfig } = await import("../test/support/program");
    const config = readStackConfig("dev");
    const stdout = trainingStdout(config["payment-analysis:catalog"] ?? "ahs_demos_catalog", config["payment-analysis:schema"]);
    const evalStart = performance.now();
    const { resources } = await evaluateProgram({ stack: "dev", commandStdout: { "training-train": stdout } });
    const evalMs = performance.now() - evalStart;

    const unlisted = new Set<string>();
    const registered = new Set(resources.map((r) => r.urn));
    const expand = expandComponents(resources);
    const estimates = new Map(resources.map((r) => [r.urn, estimateFor(r, unlisted)]));
    const nodes: GraphNode[] = resources.map((r) => ({
        id: r.urn,
        minutes: estimates.get(r.urn)!.minutes,
        dependsOn: [...new Set(r.dependencies.flatMap(expand).filter((urn) => registered.has(urn) && urn !== r.urn))],
    }));
    const result = criticalPath(nodes);

    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    console.log(`Resources registered (dev): ${resources.length} (${resources.filter((r) => r.custom).length} custom, ${resources.filter((r) => !r.custom).length} components)`);
    console.log(`Program evaluation: ${evalMs.toFixed(0)} ms = ${(evalMs / requireMs).toFixed(1)}x a bare require('@pulumi/databricks') (${requireMs.toFixed(0)} ms) in this run`);
    console.log("");
    console.log(`Critical path on a real workspace (estimates, docs/deploy-flow.md): ${minutes(result.totalMinutes)}`);
    for (const urn of result.path.filter((u) => (estimates.get(u)?.minutes ?? 0) > 0)) {
        const r = byUrn.get(urn)!;
        const e = estimates.get(urn)!;
        console.log(`  ${minutes(e.minutes).padStart(9)}  ${r.name}  (${r.type}; ${e.basis})`);
    }
    console.log("");
    console.log(`Sum of all durations (every step one after the other, like the original's manual flow): ${minutes(result.serialMinutes)}`);
    if (unlisted.size > 0) console.log(`Types without an estimate (counted as seconds): ${[...unlisted].sort().join(", ")}`);

    console.log("");
    const sparkResult = path.join(__dirname, "..", ".tmp", "spark", "result.json");
    if (!fs.existsSync(sparkResult)) {
        console.log("Local Spark run: no figures yet (`npm run test:spark` writes .tmp/spark/result.json)");
        return;
    }
    const spark = sparkFigures(JSON.parse(fs.readFileSync(sparkResult, "utf8")));
    console.log(`Local Spark run (last npm run test:spark, ${fs.statSync(sparkResult).mtime.toISOString()}): ${spark.totalSeconds.toFixed(0)} s in its steps`);
    for (const [name, seconds] of spark.steps) console.log(`  ${`${seconds.toFixed(1)} s`.padStart(9)}  ${name}`);
    if (spark.simulatorEventsPerSecond !== undefined) console.log(`Simulator sustained ${spark.simulatorEventsPerSecond.toFixed(1)} events/s locally (live events / its streaming time)`);
}

main().then(
    () => process.exit(0),
    (error: unknown) => {
        console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
    },
);
