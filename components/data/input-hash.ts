/**
 * Content hashes of structured inputs, for command triggers: a run repeats when what it runs changes,
 * and only then. Keys are sorted so that key order never looks like a change.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { sortKeysDeep } from "../analytics/canonical-json";

export function hashOfValue(value: unknown): string {
    const text = JSON.stringify(sortKeysDeep(value === undefined ? null : value));
    return createHash("sha256").update(text).digest("hex");
}

/** The hash of `value` once every Output inside it is known (unknown in preview until then). */
export function hashOfInputs(value: pulumi.Input<object | string | number | boolean>): pulumi.Output<string> {
    return pulumi.output(value).apply((resolved: unknown) => hashOfValue(resolved));
}
