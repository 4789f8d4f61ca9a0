/** A local stand-in for the deployed app's page APIs (healthy by default), for the verify tests. */
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";

export interface FakeAppPages {
    readonly url: string;
    readonly requests: { method: string; path: string; authorization: string | undefined }[];
    /** From now on `path` answers `status` with `body`. */
    answer(path: string, status: number, body: unknown, headers?: Record<string, string>): void;
    stop(): Promise<void>;
}

const HEALTHY: Record<string, unknown> = {
    "/api/app/dashboard": { kpis: { total_transactions: 10 }, dashboards: [{ key: "executive_overview", title: "Executive Overview", url: "https://fake/dashboardsv3/01ef/published" }] },
    "/api/app/rules": { rules: [] },
    "/api/app/decisions": { decision: { outcome: "approve" } },
    "/api/app/models": { models: ["a", "b", "c", "d"].map((m) => ({ full_name: `c.s.${m}`, problems: [] })) },
    "/api/app/setup": { jobs: [{ key: "gold_views" }], pipelines: [{ key: "etl" }] },
    "/api/app/ask": { available: true },
};

export async function startFakeAppPages(): Promise<FakeAppPages> {
    const requests: FakeAppPages["requests"] = [];
    const overrides = new Map<string, { status: number; body: unknown; headers: Record<string, string> }>();
    const server: Server = createServer((req, res) => {
        req.resume();
        req.on("end", () => {
            const path = new URL(req.url ?? "/", "http://app").pathname;
            requests.push({ method: req.method ?? "GET", path, authorization: req.headers.authorization });
            const override = overrides.get(path);
            const status = override?.status ?? (path in HEALTHY ? 200 : 404);
            res.writeHead(status, { "Content-Type": "application/json", ...(override?.headers ?? {}) });
            res.end(override?.body === undefined && override ? "" : JSON.stringify(override ? override.body : (HEALTHY[path] ?? { error: "no route" })));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        answer: (path, status, body, headers = {}) => overrides.set(path, { status, body, headers }),
        stop: () => new Promise((resolve) => server.close(() => resolve())),
    };
}
