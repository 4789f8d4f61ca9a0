// Whether a resource is production comes from the stack's `environment` config, handed to the pack as
// policy config (`npm run policy-config -- --stack <name>` writes it; the workflows pass it with
// --policy-pack-config). The program reads the same key, so program and pack share one definition of
// prod: a prod stack named otherwise, or a stack named prod that says dev, cannot slip between them
// (the program refuses the latter). Stack names and resource tags are not used: a tag is an input the
// program could get wrong, and a name is only a convention.
import { PolicyConfigSchema } from "@pulumi/policy";

export const PRODUCTION_ENVIRONMENT = "prod";

export interface EnvironmentConfig {
    readonly environment: string;
}

/** The config every policy that treats prod differently declares; the CLI refuses a run that lacks it. */
export const ENVIRONMENT_CONFIG_SCHEMA: PolicyConfigSchema = {
    properties: { environment: { type: "string", minLength: 1, description: "The stack's payment-analysis:environment (dev, prod, ...)." } },
    required: ["environment"],
};

/** Fails closed: without the environment no policy can tell prod from dev, so it must not guess. */
export function configuredEnvironment(args: { getConfig<T extends object>(): T }): string {
    const { environment } = args.getConfig<Partial<EnvironmentConfig>>();
    if (typeof environment !== "string" || environment.length === 0) {
        throw new Error("policy config has no `environment`: run `npm run --silent policy-config -- --stack <name> > policy-config.json` and pass `--policy-pack-config policy-config.json`");
    }
    return environment;
}

export function isProductionResource(args: { getConfig<T extends object>(): T }): boolean {
    return configuredEnvironment(args) === PRODUCTION_ENVIRONMENT;
}
