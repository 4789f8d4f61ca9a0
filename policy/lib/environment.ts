// The stack name is the single authority on whether a resource is production.
// Resource tags are not used for the decision: a tag is an input the program
// could get wrong, and a tag-based rule would let a dev endpoint tagged "prod"
// skip scale-to-zero. The required-tags policy instead checks that the
// `environment` tag agrees with this decision, so billing data cannot lie.

const URN_PREFIX = "urn:pulumi:";

// Matches `prod`, `production`, and suffixed variants such as `prod-eu` or
// `prod_2`; every other stack (dev, pr-123, a developer's sandbox) is non-prod.
const PRODUCTION_STACK = /^prod(uction)?([-_.].*)?$/i;

export const PRODUCTION_ENVIRONMENT_TAG_VALUE = "prod";

// URNs have the shape urn:pulumi:<stack>::<project>::<type>::<name>; stack names
// cannot contain "::", so the first "::" ends the stack name.
export function stackNameFromUrn(urn: string): string {
    if (!urn.startsWith(URN_PREFIX) || !urn.includes("::")) {
        throw new Error(`Cannot read the stack name from URN "${urn}": expected "urn:pulumi:<stack>::<project>::<type>::<name>".`);
    }
    const stack = urn.slice(URN_PREFIX.length, urn.indexOf("::"));
    if (stack.length === 0) {
        throw new Error(`Cannot read the stack name from URN "${urn}": the stack segment is empty.`);
    }
    return stack;
}

export function isProductionStack(stackName: string): boolean {
    return PRODUCTION_STACK.test(stackName);
}

export function isProductionResource(args: { urn: string }): boolean {
    return isProductionStack(stackNameFromUrn(args.urn));
}
