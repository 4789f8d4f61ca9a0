/**
 * Where the stack lives in the workspace and who may use its schema: small decisions derived from config,
 * kept pure so tests can check them without mocks.
 */
import * as pulumi from "@pulumi/pulumi";
import { StackNames } from "../naming";

/**
 * The stack's workspace folder as a workspace path. A bare folder name goes under the deploying user's home
 * (`/Users/<me>/payment-analysis/<stack>`); an absolute `/Workspace/...` path is used as the root.
 */
export function workspaceFolderFor(configured: string, deployerHome: pulumi.Input<string>, names: StackNames): pulumi.Output<string> {
    if (configured.startsWith("/Workspace/")) {
        return pulumi.output(names.workspaceFolder(configured.slice("/Workspace".length)));
    }
    return pulumi.output(deployerHome).apply((home) => names.workspaceFolder(`${home}/${configured}`));
}

export const VIEWER_SCHEMA_PRIVILEGES = ["READ_VOLUME", "SELECT", "USE_SCHEMA"];
/** The identity that runs jobs and pipelines creates tables, views, volumes' files and models in the schema. */
export const WORKLOAD_SCHEMA_PRIVILEGES = ["ALL_PRIVILEGES"];
