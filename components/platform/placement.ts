/**
 * Where the stack lives in the workspace and who may use its schema: small decisions derived from config,
 * kept pure so tests can check them without mocks.
 */
import { StackNames } from "../naming";

/**
 * The stack's workspace folder: the configured absolute `/Workspace/...` root with the stack appended. It never
 * depends on who runs Pulumi, so a preview by another identity (CI's read-only principal) proposes no move.
 */
export function workspaceFolderFor(configured: string, names: StackNames): string {
    if (!configured.startsWith("/Workspace/")) throw new Error(`workspaceFolderFor: expected an absolute /Workspace/... path, got ${JSON.stringify(configured)}`);
    return names.workspaceFolder(configured.slice("/Workspace".length));
}

export const VIEWER_SCHEMA_PRIVILEGES = ["READ_VOLUME", "SELECT", "USE_SCHEMA"];
/** The identity that runs jobs and pipelines creates tables, views, volumes' files and models in the schema. */
export const WORKLOAD_SCHEMA_PRIVILEGES = ["ALL_PRIVILEGES"];
