/** The API on a bare Express app, as AppKit's server mounts it: for local runs and in-process tests. */
import express, { Application } from "express";
import { ApiDeps, apiErrorHandler, apiRouter } from "./routes";

export const API_PREFIX = "/api/app";

export function mountApi<T extends Application>(app: T, deps: ApiDeps): T {
    app.use(API_PREFIX, apiRouter(deps));
    app.use(API_PREFIX, apiErrorHandler(deps.log));
    return app;
}

export function standaloneApi(deps: ApiDeps): Application {
    return mountApi(express(), deps);
}
