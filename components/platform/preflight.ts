import * as pulumi from "@pulumi/pulumi";
import { local } from "@pulumi/command";
import { hashOfValue } from "../data/input-hash";
import { npmScriptCommand, RunnerConnection, runnerEnvironment } from "../data/run-step";
import { REQUIRED_PRIVILEGES } from "./privileges";

export interface PreflightArgs {
    readonly connection: RunnerConnection;
    /** The shared catalog the stack deploys into; a different catalog is checked again. */
    readonly catalog: string;
}

/**
 * Checks the deploying identity's Unity Catalog privileges (`npm run preflight`) before anything is created:
 * the Databricks provider depends on this component, so every Databricks resource waits for it and a
 * missing privilege fails `up` at once with the full list, not halfway through. It runs when the stack is
 * first deployed and again when the catalog or the list of requirements changes.
 */
export class Preflight extends pulumi.ComponentResource {
    readonly command: local.Command;

    constructor(name: string, args: PreflightArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:platform:Preflight", name, {}, opts);
        const command = npmScriptCommand("preflight", ["--stack", args.connection.stack, ...(args.connection.profile ? ["--profile", args.connection.profile] : [])]);
        this.command = new local.Command(
            `${name}-privileges`,
            {
                create: command,
                environment: runnerEnvironment(args.connection),
                triggers: [command, hashOfValue({ catalog: args.catalog, requirements: REQUIRED_PRIVILEGES })],
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
