import { Badge, Button, Input, Label } from "@databricks/appkit-ui/react";
import { FormEvent, useState } from "react";
import { api } from "../api";
import { format, Problem, RowsTable, Section } from "../ui";

interface Decision {
    approval_probability: number;
    risk_score: number;
    recommended_route: string;
    retry: { success_probability: number; advice: string };
    outcome: string;
    rules_fired: { name: string; rule_type: string; action_summary: string; priority: number }[];
    similar_cases: Record<string, unknown>[];
    similar_cases_error?: string;
}

interface PolicyResult {
    sample_size: number;
    baseline_approval_pct: number;
    policy_approval_pct: number;
    uplift_pct_points: number;
    recovered: number;
    rules_fired: { name: string; count: number }[];
}

const SAMPLES = {
    "Large cross-border card-not-present": { amount: "2400", card_network: "VISA", merchant_segment: "Travel", issuer_country: "GB", fraud_score: "0.35", is_cross_border: true, uses_3ds: false },
    "Everyday retail purchase": { amount: "42.5", card_network: "MASTERCARD", merchant_segment: "Retail", issuer_country: "US", fraud_score: "0.05", is_cross_border: false, uses_3ds: true },
    "Risky digital goods": { amount: "180", card_network: "AMEX", merchant_segment: "Digital", issuer_country: "BR", fraud_score: "0.82", is_cross_border: true, uses_3ds: false },
};

export function DecisioningPage() {
    const [form, setForm] = useState(SAMPLES["Everyday retail purchase"]);
    const [decision, setDecision] = useState<Decision | null>(null);
    const [policy, setPolicy] = useState<PolicyResult | null>(null);
    const [error, setError] = useState<string | null>(null);
    const [busy, setBusy] = useState(false);
    const [threshold, setThreshold] = useState("0.6");

    const run = async (event: FormEvent) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        try {
            const body = { ...form, amount: Number(form.amount), fraud_score: Number(form.fraud_score) };
            setDecision((await api<{ decision: Decision }>("/decisions", { method: "POST", body })).decision);
        } catch (e) {
            setDecision(null);
            setError((e as Error).message);
        }
        setBusy(false);
    };
    const replay = async () => {
        setBusy(true);
        setError(null);
        try {
            setPolicy((await api<{ result: PolicyResult }>("/decisions/policy-test", { method: "POST", body: { sample_size: 200, threshold: Number(threshold) } })).result);
        } catch (e) {
            setError((e as Error).message);
        }
        setBusy(false);
    };
    const field = (key: "amount" | "card_network" | "merchant_segment" | "issuer_country" | "fraud_score", label: string) => (
        <div>
            <Label htmlFor={`tx-${key}`}>{label}</Label>
            <Input id={`tx-${key}`} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
        </div>
    );

    return (
        <div>
            {error && <Problem message={error} />}
            <Section title="Transaction" testId="transaction">
                <div className="mb-3 flex gap-2 items-center">
                    <Label htmlFor="tx-sample">Pick a sample</Label>
                    <select id="tx-sample" className="border rounded h-9 px-2" onChange={(e) => setForm(SAMPLES[e.target.value as keyof typeof SAMPLES])} defaultValue="Everyday retail purchase">
                        {Object.keys(SAMPLES).map((name) => (
                            <option key={name}>{name}</option>
                        ))}
                    </select>
                </div>
                <form onSubmit={run} className="grid grid-cols-3 gap-3">
                    {field("amount", "Amount")}
                    {field("card_network", "Card network")}
                    {field("merchant_segment", "Merchant segment")}
                    {field("issuer_country", "Issuer country")}
                    {field("fraud_score", "Fraud score (0-1)")}
                    <div className="flex gap-4 items-end">
                        <label className="flex gap-1 items-center">
                            <input type="checkbox" checked={form.is_cross_border} onChange={(e) => setForm({ ...form, is_cross_border: e.target.checked })} /> cross-border
                        </label>
                        <label className="flex gap-1 items-center">
                            <input type="checkbox" checked={form.uses_3ds} onChange={(e) => setForm({ ...form, uses_3ds: e.target.checked })} /> 3DS
                        </label>
                    </div>
                    <div className="col-span-3">
                        <Button type="submit" disabled={busy}>
                            Get decision
                        </Button>
                    </div>
                </form>
            </Section>
            {decision && (
                <Section title="Decision" testId="decision">
                    <p className="text-xl mb-2">
                        Outcome: <Badge data-testid="outcome">{decision.outcome}</Badge>
                    </p>
                    <ul className="mb-3">
                        <li>Approval propensity: {(decision.approval_probability * 100).toFixed(1)}%</li>
                        <li>Risk score: {format(decision.risk_score)}</li>
                        <li>Recommended route: {decision.recommended_route}</li>
                        <li>Retry: {decision.retry.advice}</li>
                    </ul>
                    <h3 className="font-semibold text-base">Rules that fired</h3>
                    <RowsTable rows={decision.rules_fired as unknown as Record<string, unknown>[]} empty="No active rule matches this transaction." />
                    <h3 className="font-semibold text-base mt-3">Similar past cases</h3>
                    {decision.similar_cases_error ? <p className="text-muted-foreground">{decision.similar_cases_error}</p> : <RowsTable rows={decision.similar_cases} empty="No similar cases found." />}
                </Section>
            )}
            <Section title="Policy test" testId="policy">
                <div className="flex gap-2 items-end mb-3">
                    <div>
                        <Label htmlFor="policy-threshold">Approve when the model expects at least</Label>
                        <Input id="policy-threshold" value={threshold} onChange={(e) => setThreshold(e.target.value)} />
                    </div>
                    <Button variant="outline" onClick={() => void replay()} disabled={busy}>
                        Replay 200 recent transactions
                    </Button>
                </div>
                {policy && (
                    <p data-testid="uplift">
                        Approval {policy.baseline_approval_pct}% → {policy.policy_approval_pct}% (uplift {policy.uplift_pct_points} points, {policy.recovered} of {policy.sample_size} recovered)
                    </p>
                )}
            </Section>
        </div>
    );
}
