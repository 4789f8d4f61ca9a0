/** Calls the app's API; a failed call throws the server's message, which names what failed. */
export class ApiError extends Error {
    constructor(
        readonly status: number,
        message: string,
        readonly body: Record<string, unknown>,
    ) {
        super(message);
    }
}

export async function api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
    const response = await fetch(`/api/app${path}`, {
        method: init?.method ?? "GET",
        headers: init?.body === undefined ? {} : { "Content-Type": "application/json" },
        ...(init?.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) throw new ApiError(response.status, typeof body["error"] === "string" ? body["error"] : `the app answered ${response.status}`, body);
    return body as T;
}
