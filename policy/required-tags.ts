import { ResourceValidationPolicy } from "@pulumi/policy";
import { isProductionResource, PRODUCTION_ENVIRONMENT_TAG_VALUE } from "./lib/environment";
import { isTaggableType, readTags, tagInputPath } from "./lib/tags";

export const REQUIRED_TAG_KEYS = ["project", "environment"] as const;

// Tags flow into billing logs; cost reports split by project and environment,
// so an untagged resource is cost nobody owns. The environment tag must also
// agree with the stack, or prod spend would be reported as dev (or vice versa).
export const requiredTags: ResourceValidationPolicy = {
    name: "required-tags",
    description: "Every taggable Databricks resource carries non-empty `project` and `environment` tags, and `environment` agrees with the stack.",
    enforcementLevel: "mandatory",
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
        const production = isProductionResource(args);
        if (production && environment !== PRODUCTION_ENVIRONMENT_TAG_VALUE) {
            reportViolation(`Tag "environment" is "${environment}" but the stack is a production stack; it must be "${PRODUCTION_ENVIRONMENT_TAG_VALUE}".`);
        } else if (!production && environment === PRODUCTION_ENVIRONMENT_TAG_VALUE) {
            reportViolation(`Tag "environment" is "${PRODUCTION_ENVIRONMENT_TAG_VALUE}" but the stack is not a production stack.`);
        }
    },
};
