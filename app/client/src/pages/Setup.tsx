import { Badge, Button, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@databricks/appkit-ui/react";
import { useState } from "react";
import { api } from "../api";
import { Loading, Problem, Section, useApi } from "../ui";

interface JobStatus {
    key: string;
    job_id: string;
    name: string;
    last_run: { state: string; started_at: string | null; url: string | null } | null;
    link: string;
    problem?: string;
}

interface PipelineStatus {
    key: string;
    pipeline_id: string;
    name: string;
    state: string;
    last_update: { state: string; started_at: string | null; url: string } | null;
    link: string;
    problem?: string;
}

interface SetupData {
    catalog: string;
    schema: string;
    warehouse_id: string;
    workspace: string;
    jobs: JobStatus[];
    pipelines: PipelineStatus[];
}

export function SetupPage() {
    const { data, error, loading, reload } = useApi<SetupData>("/setup");
    const [message, setMessage] = useState<{ ok: boolean; text: string; url?: string } | null>(null);
    const run = async (job: JobStatus) => {
        try {
            const { run } = await api<{ run: { run_id: number; url: string } }>(`/jobs/${job.key}/run`, { method: "POST" });
            setMessage({ ok: true, text: `Started ${job.name} (run ${run.run_id})`, url: run.url });
        } catch (e) {
            setMessage({ ok: false, text: (e as Error).message });
        }
        reload();
    };
    const start = async (pipeline: PipelineStatus) => {
        try {
            const { update } = await api<{ update: { update_id: string; url: string } }>(`/pipelines/${pipeline.key}/start`, { method: "POST" });
            setMessage({ ok: true, text: `Started an update of ${pipeline.name} (update ${update.update_id})`, url: update.url });
        } catch (e) {
            setMessage({ ok: false, text: (e as Error).message });
        }
        reload();
    };
    if (loading && !data) return <Loading />;
    return (
        <div>
            {error && <Problem message={error} />}
            {message &&
                (message.ok ? (
                    <p role="status" className="mb-3 text-green-700">
                        {message.text}{" "}
                        <a className="underline" href={message.url} target="_blank" rel="noreferrer">
                            open it
                        </a>
                    </p>
                ) : (
                    <Problem message={message.text} />
                ))}
            {data && (
                <Section title="Where this stack lives" testId="placement">
                    <p>
                        Catalog <code>{data.catalog}</code>, schema <code>{data.schema}</code>, SQL warehouse <code>{data.warehouse_id}</code>
                    </p>
                </Section>
            )}
            <Section title="Jobs" testId="jobs">
                <Table>
                    <TableHeader>
                        <TableRow>
                            <TableHead>Job</TableHead>
                            <TableHead>Last run</TableHead>
                            <TableHead />
                        </TableRow>
                    </TableHeader>
                    <TableBody>
                        {(data?.jobs ?? []).map((job) => (
                            <TableRow key={job.key} data-job={job.key}>
                                <NameCell name={job.name} link={job.link} problem={job.problem} />
                                <LastStateCell last={job.last_run ? { state: job.last_run.state, url: job.last_run.url ?? job.link } : undefined} success="SUCCESS" never="never run" />
                                <TableCell>
                                    <Button size="sm" onClick={() => void run(job)}>
                                        Run
                                    </Button>
                                </TableCell>
                            </TableRow>
                        ))}
                    </TableBody>
                </Table>
            </Section>
            <Section title="Pipelines" testId="pipelines">
                <Table>
                    <TableHeader>
                        <TableRow>
                            <TableHead>Pipeline</TableHead>
                            <TableHead>State</TableHead>
                            <TableHead>Last update</TableHead>
                            <TableHead />
                        </TableRow>
                    </TableHeader>
                    <TableBody>
                        {(data?.pipelines ?? []).map((pipeline) => (
                            <TableRow key={pipeline.key} data-pipeline={pipeline.key}>
                                <NameCell name={pipeline.name} link={pipeline.link} problem={pipeline.problem} />
                                <TableCell>{pipeline.state}</TableCell>
                                <LastStateCell last={pipeline.last_update} success="COMPLETED" never="never updated" />
                                <TableCell>
                                    <Button size="sm" onClick={() => void start(pipeline)}>
                                        Start update
                                    </Button>
                                </TableCell>
                            </TableRow>
                        ))}
                    </TableBody>
                </Table>
            </Section>
        </div>
    );
}

/** A job's or pipeline's name, linked to it in the workspace, with the problem reading it if there was one. */
function NameCell({ name, link, problem }: { name: string; link: string; problem?: string | null }) {
    return (
        <TableCell>
            <a className="underline" href={link} target="_blank" rel="noreferrer">
                {name}
            </a>
            {problem && <div className="text-destructive text-xs">{problem}</div>}
        </TableCell>
    );
}

/** The state of the last run or update, linked to it and marked when it is the success state; or that there was none. */
function LastStateCell({ last, success, never }: { last?: { state: string; url: string } | null; success: string; never: string }) {
    return (
        <TableCell>
            {last ? (
                <a href={last.url} target="_blank" rel="noreferrer">
                    <Badge variant={last.state === success ? "default" : "secondary"}>{last.state}</Badge>
                </a>
            ) : (
                never
            )}
        </TableCell>
    );
}
