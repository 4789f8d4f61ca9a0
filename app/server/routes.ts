/**
 * The pages' HTTP API. Handlers validate input, call the store or the workspace, and turn every error
 * into `{ error }` with a message that names what failed; details go to the log only.
 */
import express, { NextFunction, Request, Response, Router } from "express";
import { AppConfig } from "./config";
import { Decisioning, transactionInput } from "./decisioning";
import { badRequest, publicError, UserFacingError } from "./errors";
import { askGenie, GeniePolling } from "./genie";
import { dashboardLinks, jobStatuses, modelStatuses, pipelineStatuses, runJob, startPipeline } from "./operations";
import { RuleStore } from "./rules/store";
import { parseWith, ruleInput, ValidationError, versionInput } from "./rules/validation";
import { Row, SqlRunner } from "./sql";
import { WorkspaceApi } from "./workspace";
import { z } from "zod";

export interface ApiDeps {
    readonly config: AppConfig;
    readonly ws: WorkspaceApi;
    readonly sql: SqlRunner;
    readonly rules: RuleStore;
    readonly log: (line: string) => void;
    /** How Ask waits for Genie (default: genie.ts); tests shorten it. */
    readonly geniePolling?: GeniePolling;
}

/** The signed-in user, as the Databricks Apps proxy forwards it; writes are refused without one. */
export function actorOf(req: Request): string {
    const actor = [req.header("x-forwarded-email"), req.header("x-forwarded-preferred-username"), req.header("x-forwarded-user")].find((v) => v && v.trim());
    if (!actor) throw new UserFacingError(401, "your identity was not forwarded to the app (no X-Forwarded-Email); open the app through its Databricks URL");
    if (actor.length > 320) throw badRequest("the forwarded user name is longer than 320 characters");
    return actor.trim();
}

type Handler = (req: Request, res: Response) => Promise<unknown>;

export function apiRouter(deps: ApiDeps): Router {
    const router = express.Router();
    router.use(express.json({ limit: "64kb" }));
    const route = (action: string, handler: Handler) => async (req: Request, res: Response) => {
        try {
            const body = await handler(req, res);
            if (!res.headersSent) res.json(body);
        } catch (error) {
            const failure = error instanceof ValidationError ? { status: 400, body: { error: `${action} refused: ${error.message}`, problems: error.problems } } : publicError(error, action);
            const detail = error instanceof UserFacingError ? (error.detail ?? "") : error instanceof Error ? (error.stack ?? error.message) : String(error);
            deps.log(`${req.method} ${req.path} -> ${failure.status}: ${failure.body.error}${detail ? ` | ${detail}` : ""}`);
            res.status(failure.status).json(failure.body);
        }
    };
    const { config, ws, sql, rules } = deps;
    const place = { catalog: config.catalog, schema: config.schema };
    const decisioning = new Decisioning(ws, config);

    router.get(
        "/dashboard",
        route("loading the dashboard", async (_req, res) => {
            const sections = {
                kpis: sql.run("executive_kpis", place, "reading the executive KPIs"),
                trends: sql.run("daily_trends", { ...place, days: 30 }, "reading the daily trends"),
                features: sql.run("online_features", { ...place, limit: 20 }, "reading the online features"),
                decisions: sql.run("recent_decisions", { ...place, limit: 20 }, "reading the latest decisions"),
            };
            const settled = await Promise.all(Object.entries(sections).map(async ([key, promise]) => [key, await promise.then((rows) => ({ rows }), (error: unknown) => ({ error: publicError(error, `reading ${key}`).body.error, cause: error }))] as const));
            const body: Record<string, unknown> = { dashboards: dashboardLinks(config), catalog: config.catalog, schema: config.schema };
            const failed: string[] = [];
            for (const [key, outcome] of settled) {
                if ("rows" in outcome) body[key] = key === "kpis" ? (outcome.rows[0] ?? null) : outcome.rows;
                else {
                    body[key] = null;
                    failed.push(outcome.error);
                    const cause = outcome.cause;
                    deps.log(`GET /dashboard ${key}: ${cause instanceof UserFacingError ? (cause.detail ?? cause.message) : String(cause)}`);
                }
            }
            if (failed.length > 0) {
                body["error"] = failed.join("; ");
                res.status(502);
            }
            return body;
        }),
    );

    router.get("/rules", route("listing the rules", async () => ({ rules: await rules.list() })));
    router.get("/rules/audit", route("reading the audit trail", async () => ({ audit: await rules.audit() })));
    router.post(
        "/rules",
        route("adding the rule", async (req, res) => {
            const actor = actorOf(req);
            const rule = await rules.create(parseWith(ruleInput, req.body), actor);
            res.status(201);
            return { rule };
        }),
    );
    router.put(
        "/rules/:id",
        route("saving the rule", async (req) => {
            const actor = actorOf(req);
            const { version, ...fields } = (req.body ?? {}) as Record<string, unknown>;
            const parsedVersion = parseWith(versionInput, { version }).version;
            return { rule: await rules.update(req.params.id, parsedVersion, parseWith(ruleInput, fields), actor) };
        }),
    );
    for (const [verb, active] of [["disable", false], ["enable", true]] as const) {
        router.post(
            `/rules/:id/${verb}`,
            route(`${verb.replace(/e$/, "")}ing the rule`, async (req) => {
                const actor = actorOf(req);
                return { rule: await rules.setActive(req.params.id, parseWith(versionInput, req.body).version, active, actor) };
            }),
        );
    }
    router.delete(
        "/rules/:id",
        route("deleting the rule", async (req) => {
            const actor = actorOf(req);
            const version = parseWith(versionInput, { version: Number(req.query["version"]) }).version;
            await rules.remove(req.params.id, version, actor);
            return { deleted: req.params.id };
        }),
    );

    router.post(
        "/decisions",
        route("running the decision", async (req) => {
            const transaction = parseWith(transactionInput, req.body);
            return { decision: await decisioning.decide(transaction, await rules.active()) };
        }),
    );
    const policyInput = z.object({
        sample_size: z.number({ error: "sample_size must be a number" }).int().min(10, { error: "sample_size must be between 10 and 500" }).max(500, { error: "sample_size must be between 10 and 500" }),
        threshold: z.number({ error: "threshold must be a number" }).min(0.05, { error: "threshold must be between 0.05 and 0.95" }).max(0.95, { error: "threshold must be between 0.05 and 0.95" }),
    });
    router.post(
        "/decisions/policy-test",
        route("running the policy test", async (req) => {
            const input = parseWith(policyInput, req.body);
            const sample: Row[] = await sql.run("policy_sample", { ...place, limit: input.sample_size }, "reading the transaction sample");
            return { result: await decisioning.policyTest(sample, await rules.active(), input.threshold) };
        }),
    );

    router.get("/models", route("reading the models", async () => ({ models: await modelStatuses(ws, config) })));
    router.get(
        "/setup",
        route("reading the jobs and pipelines", async () => {
            const [jobs, pipelines] = await Promise.all([jobStatuses(ws, config), pipelineStatuses(ws, config)]);
            return { catalog: config.catalog, schema: config.schema, warehouse_id: config.warehouseId, workspace: config.host, jobs, pipelines };
        }),
    );
    router.post("/jobs/:key/run", route("starting the job", async (req) => ({ run: await runJob(ws, config, req.params.key) })));
    router.post("/pipelines/:key/start", route("starting the pipeline", async (req) => ({ update: await startPipeline(ws, config, req.params.key) })));

    router.get("/ask", route("checking Genie", async () => ({ available: Boolean(config.genieSpaceId) })));
    router.post(
        "/ask",
        route("asking Genie", async (req) => {
            const { question } = parseWith(z.object({ question: z.string({ error: "question must be text" }).trim().min(3, { error: "question must have at least 3 characters" }).max(1000, { error: "question must be at most 1000 characters" }) }), req.body);
            return { answer: await askGenie(ws, config, question, deps.geniePolling) };
        }),
    );

    router.use((req: Request, res: Response) => {
        res.status(404).json({ error: `no API route ${req.method} ${req.path}` });
    });
    return router;
}

/**
 * A body that is not JSON, or too large, is refused in the same shape as every other error. Mounted after
 * the router at the application level: in production AppKit's own JSON parser reads bodies before the
 * router does, and its errors reach only application-level handlers.
 */
export function apiErrorHandler(log: (line: string) => void) {
    return (error: Error & { type?: string; status?: number }, req: Request, res: Response, next: NextFunction) => {
        if (res.headersSent) return next(error);
        const status = error.status && error.status < 500 ? error.status : 500;
        const message = error.type === "entity.too.large" ? "the request is larger than 64 KB" : error.type === "entity.parse.failed" ? "the request body is not valid JSON" : "the request could not be read";
        log(`${req.method} ${req.originalUrl} -> ${status}: ${error.message}`);
        res.status(status).json({ error: message });
    };
}
