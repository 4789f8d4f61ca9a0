/**
 * The policy pack's config for a stack: its `environment`, the one definition of prod that the program
 * (components/config.ts) and the pack (policy/lib/environment.ts) share.
 */
import { policies } from "../../policy/policies";

export type PolicyPackConfig = Record<string, { environment: string }>;

/** `--policy-pack-config` content: the environment for every policy that declares it. */
export function policyConfigFor(environment: string): PolicyPackConfig {
    const config: PolicyPackConfig = {};
    for (const policy of policies) {
        if (policy.configSchema?.required?.includes("environment")) config[policy.name] = { environment };
    }
    return config;
}
