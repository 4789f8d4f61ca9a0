import { Badge, Button, Input, Label, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@databricks/appkit-ui/react";
import { FormEvent, useState } from "react";
import { api } from "../api";
import { Loading, Problem, Section, useApi } from "../ui";

interface Rule {
    id: string;
    name: string;
    rule_type: string;
    condition_expression: string | null;
    action_summary: string;
    priority: number;
    is_active: boolean;
    version: number;
    updated_at: string;
    updated_by: string;
}

interface AuditEntry {
    id: number;
    rule_name: string;
    action: string;
    actor: string;
    at: string;
    changes: Record<string, { from?: unknown; to?: unknown }>;
}

const EMPTY = { name: "", rule_type: "routing", condition_expression: "", action_summary: "", priority: "100" };

export function RulesPage() {
    const rules = useApi<{ rules: Rule[] }>("/rules");
    const audit = useApi<{ audit: AuditEntry[] }>("/rules/audit");
    const [editing, setEditing] = useState<Rule | null>(null);
    const [form, setForm] = useState(EMPTY);
    const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

    const reload = () => {
        rules.reload();
        audit.reload();
    };
    const act = async (what: string, call: () => Promise<unknown>) => {
        try {
            await call();
            setMessage({ ok: true, text: what });
            setEditing(null);
            setForm(EMPTY);
        } catch (error) {
            setMessage({ ok: false, text: (error as Error).message });
        }
        reload();
    };
    const submit = (event: FormEvent) => {
        event.preventDefault();
        const body = { name: form.name, rule_type: form.rule_type, condition_expression: form.condition_expression, action_summary: form.action_summary, priority: Number(form.priority), is_active: editing?.is_active ?? true };
        void act(editing ? `Saved rule "${form.name}"` : `Added rule "${form.name}"`, () =>
            editing ? api(`/rules/${editing.id}`, { method: "PUT", body: { ...body, version: editing.version } }) : api("/rules", { method: "POST", body }),
        );
    };
    const edit = (rule: Rule) => {
        setEditing(rule);
        setForm({ name: rule.name, rule_type: rule.rule_type, condition_expression: rule.condition_expression ?? "", action_summary: rule.action_summary, priority: String(rule.priority) });
    };

    return (
        <div>
            {message && (message.ok ? <p role="status" className="mb-3 text-green-700">{message.text}</p> : <Problem message={message.text} />)}
            <Section title={editing ? `Edit rule "${editing.name}"` : "Add a rule"} testId="rule-form">
                <form onSubmit={submit} className="grid grid-cols-2 gap-3">
                    <div>
                        <Label htmlFor="rule-name">Name</Label>
                        <Input id="rule-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
                    </div>
                    <div>
                        <Label htmlFor="rule-type">Type</Label>
                        <select id="rule-type" className="border rounded h-9 px-2 w-full" value={form.rule_type} onChange={(e) => setForm({ ...form, rule_type: e.target.value })}>
                            <option value="authentication">authentication</option>
                            <option value="retry">retry</option>
                            <option value="routing">routing</option>
                        </select>
                    </div>
                    <div className="col-span-2">
                        <Label htmlFor="rule-condition">Condition, e.g. amount &gt; 500 AND card_network = 'VISA' (empty: always)</Label>
                        <Input id="rule-condition" value={form.condition_expression} onChange={(e) => setForm({ ...form, condition_expression: e.target.value })} />
                    </div>
                    <div>
                        <Label htmlFor="rule-action">Action</Label>
                        <Input id="rule-action" value={form.action_summary} onChange={(e) => setForm({ ...form, action_summary: e.target.value })} />
                    </div>
                    <div>
                        <Label htmlFor="rule-priority">Priority (1 wins)</Label>
                        <Input id="rule-priority" type="number" value={form.priority} onChange={(e) => setForm({ ...form, priority: e.target.value })} />
                    </div>
                    <div className="col-span-2 flex gap-2">
                        <Button type="submit">{editing ? "Save rule" : "Add rule"}</Button>
                        {editing && (
                            <Button type="button" variant="outline" onClick={() => { setEditing(null); setForm(EMPTY); }}>
                                Cancel
                            </Button>
                        )}
                    </div>
                </form>
            </Section>
            <Section title="Rules" testId="rules">
                {rules.error && <Problem message={rules.error} />}
                {rules.loading && !rules.data ? (
                    <Loading />
                ) : (
                    <Table>
                        <TableHeader>
                            <TableRow>
                                <TableHead>Priority</TableHead>
                                <TableHead>Name</TableHead>
                                <TableHead>Type</TableHead>
                                <TableHead>Condition</TableHead>
                                <TableHead>Action</TableHead>
                                <TableHead>State</TableHead>
                                <TableHead>Changed</TableHead>
                                <TableHead />
                            </TableRow>
                        </TableHeader>
                        <TableBody>
                            {(rules.data?.rules ?? []).map((rule) => (
                                <TableRow key={rule.id} data-rule={rule.name}>
                                    <TableCell>{rule.priority}</TableCell>
                                    <TableCell className="whitespace-normal">{rule.name}</TableCell>
                                    <TableCell>{rule.rule_type}</TableCell>
                                    <TableCell className="font-mono text-xs whitespace-normal break-words max-w-64">{rule.condition_expression ?? "always"}</TableCell>
                                    <TableCell className="whitespace-normal max-w-48">{rule.action_summary}</TableCell>
                                    <TableCell>{rule.is_active ? <Badge>active</Badge> : <Badge variant="secondary">disabled</Badge>}</TableCell>
                                    <TableCell className="text-xs whitespace-normal">
                                        {rule.updated_by}
                                        <br />
                                        {new Date(rule.updated_at).toLocaleString("en-GB", { timeZone: "UTC" })}
                                    </TableCell>
                                    <TableCell className="flex gap-1">
                                        <Button size="sm" variant="outline" onClick={() => edit(rule)}>
                                            Edit
                                        </Button>
                                        <Button size="sm" variant="outline" onClick={() => void act(`${rule.is_active ? "Disabled" : "Enabled"} rule "${rule.name}"`, () => api(`/rules/${rule.id}/${rule.is_active ? "disable" : "enable"}`, { method: "POST", body: { version: rule.version } }))}>
                                            {rule.is_active ? "Disable" : "Enable"}
                                        </Button>
                                        <Button size="sm" variant="destructive" onClick={() => void act(`Deleted rule "${rule.name}"`, () => api(`/rules/${rule.id}?version=${rule.version}`, { method: "DELETE" }))}>
                                            Delete
                                        </Button>
                                    </TableCell>
                                </TableRow>
                            ))}
                        </TableBody>
                    </Table>
                )}
            </Section>
            <Section title="Audit trail" testId="audit">
                {audit.error && <Problem message={audit.error} />}
                <ul className="text-sm space-y-1">
                    {(audit.data?.audit ?? []).slice(0, 15).map((entry) => (
                        <li key={entry.id}>
                            <span className="text-muted-foreground">{new Date(entry.at).toLocaleString("en-GB", { timeZone: "UTC" })}</span> {entry.actor} {entry.action}d "{entry.rule_name}"
                            {entry.action === "update" && `: ${Object.entries(entry.changes).map(([field, c]) => `${field} ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`).join(", ")}`}
                        </li>
                    ))}
                </ul>
            </Section>
        </div>
    );
}
