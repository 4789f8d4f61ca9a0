/**
 * Errors the user sees. Each names what failed in the operator's terms (the job, the endpoint, the rule);
 * none carries SQL, a response body or a stack trace, which go to the server log only.
 */
export class UserFacingError extends Error {
    constructor(
        readonly status: number,
        message: string,
        /** Detail for the server log, never sent to the browser. */
        readonly detail?: string,
    ) {
        super(message);
        this.name = "UserFacingError";
    }
}

export const badRequest = (message: string) => new UserFacingError(400, message);
export const notFound = (message: string) => new UserFacingError(404, message);
export const conflict = (message: string) => new UserFacingError(409, message);

/** What the browser gets for any error: a UserFacingError's message, or a generic one that names the action. */
export function publicError(error: unknown, action: string): { status: number; body: { error: string } } {
    if (error instanceof UserFacingError) return { status: error.status, body: { error: error.message } };
    return { status: 500, body: { error: `${action} failed unexpectedly; the app's log has the details` } };
}
