import { ResourceValidationPolicy } from "@pulumi/policy";
import { configuredEnvironment, ENVIRONMENT_CONFIG_SCHEMA } from "./lib/environment";
import { isTaggableType, readTags, tagInputPath } from "./lib/tags";

export const REQUIRED_TAG_KEYS = ["project", "environment"] as const;

// Tags flow into billing logs; cost reports split by project and environment,
// so an untagged resource is cost nobody owns. The environment tag must also
// agree with the stack, or prod spend would be reported as dev (or vice versa).
export const requiredTags: ResourceValidationPolicy = {
    name: "required-tags",
    description: "Every taggable Databricks resource carries non-empty `project` and `environment` tags, and `environment` agrees with the stack.",
    enforcementLevel: "mandatory",
    configSchema: ENVIRONMENT_CONFIG_SCHEMA,
    severity: "medium",
    remediationSteps: "Add `project` and `environment` tags in the resource's tag input (jobs/pipelines: tags; warehouses: tags.customTags; serving: tags; Lakebase/budget policies: customTags).",
    validateResource: (args, reportViolation) => {
        if (!isTaggableType(args.type)) {
            args.notApplicable(`Resource type "${args.type}" has no tag input in @pulumi/databricks 1.110.`);
        }
        const where = tagInputPath(args.type);
        const tags = readTags(args.type, args.props);
        for (const key of REQUIRED_TAG_KEYS) {
            const value = tags.get(key);
            if (typeof value !== "string" || value.trim().length === 0) {
                reportViolation(`Tag "${key}" is missing or empty in ${where}.`);
            }
        }
        const environment = tags.get("environment");
        if (typeof environment !== "string" || environment.trim().length === 0) {
            return;
        }
        const expected = configuredEnvironment(args);
        if (environment !== expected) {
            reportViolation(`Tag "environment" is "${environment}" but the stack's environment is "${expected}".`);
        }
    },
};
