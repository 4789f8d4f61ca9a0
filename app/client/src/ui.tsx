/** Small building blocks shared by the pages, on AppKit UI components. */
import { Alert, AlertDescription, AlertTitle, Card, CardContent, CardHeader, CardTitle, Skeleton, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@databricks/appkit-ui/react";
import { ReactNode, useCallback, useEffect, useState } from "react";
import { api, ApiError } from "./api";

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
    return (
        <Card className="mb-4" data-testid={testId}>
            <CardHeader>
                <CardTitle>{title}</CardTitle>
            </CardHeader>
            <CardContent>{children}</CardContent>
        </Card>
    );
}

export function Problem({ message }: { message: string }) {
    return (
        <Alert variant="destructive" role="alert">
            <AlertTitle>Something failed</AlertTitle>
            <AlertDescription>{message}</AlertDescription>
        </Alert>
    );
}

export function Loading() {
    return <Skeleton className="h-24 w-full" data-testid="loading" />;
}

export function format(value: unknown): string {
    if (value === null || value === undefined) return "—";
    if (typeof value === "number") return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toLocaleString("en-US", { maximumFractionDigits: 3 });
    if (typeof value === "boolean") return value ? "yes" : "no";
    return String(value);
}

export function RowsTable({ rows, empty }: { rows: Record<string, unknown>[]; empty: string }) {
    if (rows.length === 0) return <p className="text-muted-foreground">{empty}</p>;
    const columns = Object.keys(rows[0]);
    return (
        <Table>
            <TableHeader>
                <TableRow>
                    {columns.map((c) => (
                        <TableHead key={c}>{c.replace(/_/g, " ")}</TableHead>
                    ))}
                </TableRow>
            </TableHeader>
            <TableBody>
                {rows.map((row, i) => (
                    <TableRow key={i}>
                        {columns.map((c) => (
                            <TableCell key={c}>{format(row[c])}</TableCell>
                        ))}
                    </TableRow>
                ))}
            </TableBody>
        </Table>
    );
}

/** GETs `path` on mount and on `reload()`; partial bodies of a failed call are kept (the dashboard's sections). */
export function useApi<T>(path: string): { data: T | null; error: string | null; loading: boolean; reload: () => void } {
    const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
    const load = useCallback(() => {
        setState((s) => ({ ...s, loading: true }));
        api<T>(path).then(
            (data) => setState({ data, error: null, loading: false }),
            (error: Error) => setState({ data: error instanceof ApiError ? (error.body as T) : null, error: error.message, loading: false }),
        );
    }, [path]);
    useEffect(load, [load]);
    return { ...state, reload: load };
}
