import { Badge, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@databricks/appkit-ui/react";
import { Loading, Problem, Section, useApi } from "../ui";

interface ModelStatus {
    key: string;
    full_name: string;
    endpoint: string;
    endpoint_state: string;
    config_update: string;
    served_version: string | null;
    champion_version: string | null;
    problems: string[];
    links: { registry: string; endpoint: string; run: string | null };
}

export function ModelsPage() {
    const { data, error, loading } = useApi<{ models: ModelStatus[] }>("/models");
    if (loading && !data) return <Loading />;
    return (
        <Section title="The four models" testId="models">
            {error && <Problem message={error} />}
            <Table>
                <TableHeader>
                    <TableRow>
                        <TableHead>Model</TableHead>
                        <TableHead>Champion</TableHead>
                        <TableHead>Served</TableHead>
                        <TableHead>Endpoint</TableHead>
                        <TableHead>Links</TableHead>
                    </TableRow>
                </TableHeader>
                <TableBody>
                    {(data?.models ?? []).map((m) => (
                        <TableRow key={m.key}>
                            <TableCell>
                                {m.full_name}
                                {m.problems.map((p) => (
                                    <div key={p} className="text-destructive text-xs">
                                        {p}
                                    </div>
                                ))}
                            </TableCell>
                            <TableCell>{m.champion_version ? `v${m.champion_version}` : "—"}</TableCell>
                            <TableCell>
                                {m.served_version ? `v${m.served_version}` : "—"}
                                {m.served_version && m.champion_version && m.served_version !== m.champion_version && <Badge variant="destructive">not the champion</Badge>}
                            </TableCell>
                            <TableCell>
                                {m.endpoint} <Badge variant={m.endpoint_state === "READY" ? "default" : "secondary"}>{m.endpoint_state}</Badge>
                            </TableCell>
                            <TableCell className="flex gap-2">
                                <a className="underline" href={m.links.registry} target="_blank" rel="noreferrer">
                                    registry
                                </a>
                                <a className="underline" href={m.links.endpoint} target="_blank" rel="noreferrer">
                                    endpoint
                                </a>
                                {m.links.run && (
                                    <a className="underline" href={m.links.run} target="_blank" rel="noreferrer">
                                        experiment run
                                    </a>
                                )}
                            </TableCell>
                        </TableRow>
                    ))}
                </TableBody>
            </Table>
        </Section>
    );
}
