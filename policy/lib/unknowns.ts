import { UnknownValueError } from "@pulumi/policy";

// The policy SDK wraps resource inputs in a proxy that throws UnknownValueError
// when a value cannot be known during preview; the engine reports that as an
// advisory "can't run during preview" note instead of a violation. Policies let
// the error propagate; only code that deliberately continues past an unknown
// value (the credential scan) needs to recognise it.
export function isUnknownValueError(error: unknown): error is Error {
    return error instanceof UnknownValueError;
}
