// Boots policy/ the way the Pulumi CLI does for `--policy-pack policy`: the
// nodejs host runs @pulumi/pulumi/cmd/run-policy-pack in the pack directory,
// which loads index.ts through ts-node and prints the gRPC port on stdout.
// Tests then send real Analyze requests, so the pack's wiring, the SDK's
// deserialisation and its unknown-value handling are all the real ones.
import { ChildProcess, spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import * as path from "path";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { AnalyzeDiagnostic, AnalyzeRequest, AnalyzerResourceOptions, ConfigureAnalyzerRequest, EnforcementLevel, PolicyConfig } from "@pulumi/pulumi/proto/analyzer_pb";

// google-protobuf ships no typings in this repository; only fromJavaScript is needed.
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as {
    Struct: { fromJavaScript(value: Record<string, unknown>): AnalyzeRequestProperties };
};
type AnalyzeRequestProperties = Parameters<AnalyzeRequest["setProperties"]>[0];

export const POLICY_PACK_DIR = path.resolve(__dirname, "../../policy");
const RUN_POLICY_PACK = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [POLICY_PACK_DIR] });

export interface RunningPolicyPack {
    /** What the CLI does with `--policy-pack-config`: policy name -> config properties. */
    configure(config: Record<string, Record<string, unknown>>): Promise<void>;
    analyze(resource: { type: string; urn: string; name: string; props: Record<string, unknown> }): Promise<AnalyzeDiagnostic[]>;
    stop(): void;
}

export function startPolicyPack(bootTimeoutMs: number): Promise<RunningPolicyPack> {
    const child: ChildProcess = spawn(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:0", "."], {
        cwd: POLICY_PACK_DIR,
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill();
            reject(new Error(`policy pack did not print its port within ${bootTimeoutMs} ms; stderr:\n${stderr}`));
        }, bootTimeoutMs);
        child.stderr?.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
        child.on("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`policy pack exited with code ${code} before serving; stderr:\n${stderr}`));
        });
        child.stdout?.on("data", (chunk: Buffer) => {
            stdout += chunk.toString();
            const port = /^(\d+)\s*$/m.exec(stdout)?.[1];
            if (port === undefined) {
                return;
            }
            clearTimeout(timer);
            child.removeAllListeners("exit");
            const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
            resolve({
                configure: (config) => new Promise((done, fail) => {
                    const request = new ConfigureAnalyzerRequest();
                    for (const [policy, properties] of Object.entries(config)) {
                        request.getPolicyconfigMap().set(policy, new PolicyConfig().setEnforcementlevel(EnforcementLevel.MANDATORY).setProperties(Struct.fromJavaScript(properties) as never));
                    }
                    client.configure(request, (error) => (error ? fail(error) : done()));
                }),
                analyze: (resource) => new Promise((done, fail) => {
                    const request = new AnalyzeRequest();
                    request.setType(resource.type);
                    request.setUrn(resource.urn);
                    request.setName(resource.name);
                    request.setProperties(Struct.fromJavaScript(resource.props));
                    request.setOptions(new AnalyzerResourceOptions());
                    client.analyze(request, (error, response) => (error ? fail(error) : done(response.getDiagnosticsList())));
                }),
                stop: () => {
                    client.close();
                    child.kill();
                },
            });
        });
    });
}
