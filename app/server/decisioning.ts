/**
 * One decision for one transaction: approval propensity, risk score, recommended route and retry advice
 * from the four serving endpoints, the active rules whose condition holds, and similar past cases from
 * Vector Search. The policy test replays a sample of recent transactions through the same models.
 */
import { z } from "zod";
import { AppConfig, ModelKey, SEARCH_INDEX } from "./config";
import { UserFacingError } from "./errors";
import { ConditionError, conditionHolds, parseCondition, TransactionFacts } from "./rules/condition";
import { Rule } from "./rules/store";
import { Row } from "./sql";
import { WorkspaceApi } from "./workspace";

export const transactionInput = z.object({
    amount: z.number({ error: "amount must be a number" }).positive({ error: "amount must be above 0" }).max(10_000_000, { error: "amount must be at most 10,000,000" }),
    currency: z.string().regex(/^[A-Z]{3}$/, { error: "currency must be a three-letter code such as USD" }).default("USD"),
    card_network: z.string().regex(/^[A-Za-z_ -]{1,32}$/, { error: "card_network must be a network name such as VISA" }),
    merchant_segment: z.string().regex(/^[A-Za-z_ -]{1,40}$/, { error: "merchant_segment must be a segment name such as Retail" }),
    issuer_country: z.string().regex(/^[A-Z]{2}$/, { error: "issuer_country must be a two-letter country code" }).default("US"),
    fraud_score: z.number({ error: "fraud_score must be a number" }).min(0).max(1, { error: "fraud_score must be between 0 and 1" }),
    aml_risk_score: z.number().min(0).max(1, { error: "aml_risk_score must be between 0 and 1" }).default(0.1),
    device_trust_score: z.number().min(0).max(1, { error: "device_trust_score must be between 0 and 1" }).default(0.8),
    is_cross_border: z.boolean().default(false),
    uses_3ds: z.boolean().default(false),
    retry_count: z.number().int().min(0).max(20, { error: "retry_count must be between 0 and 20" }).default(0),
    processing_time_ms: z.number().min(0).max(600_000).default(250),
});
export type Transaction = z.output<typeof transactionInput>;

export interface FiredRule {
    readonly name: string;
    readonly rule_type: string;
    readonly action_summary: string;
    readonly priority: number;
}

export interface Decision {
    readonly approval_probability: number;
    readonly risk_score: number;
    readonly recommended_route: string;
    readonly retry: { readonly success_probability: number; readonly advice: string };
    readonly outcome: "approve" | "step-up authentication" | "review" | "decline";
    readonly rules_fired: FiredRule[];
    readonly similar_cases: Row[];
    /** Set when Vector Search could not answer; the decision itself stands without it. */
    readonly similar_cases_error?: string;
}

/**
 * The rules whose condition holds for `facts`, highest priority first (rules without a condition always
 * fire). The app refuses bad conditions on save, so a rule that does not parse was written around it:
 * it is named in the error rather than silently skipped.
 */
export function firedRules(rules: readonly Rule[], facts: TransactionFacts): FiredRule[] {
    const holds = (rule: Rule) => {
        if (rule.condition_expression === null) return true;
        try {
            return conditionHolds(parseCondition(rule.condition_expression), facts);
        } catch (error) {
            if (!(error instanceof ConditionError)) throw error;
            throw new UserFacingError(409, `rule "${rule.name}" has a condition the app cannot read (${error.message}); edit or disable it on the Rules page`);
        }
    };
    return rules
        .filter((rule) => rule.is_active)
        .filter(holds)
        .sort((a, b) => a.priority - b.priority)
        .map(({ name, rule_type, action_summary, priority }) => ({ name, rule_type, action_summary, priority }));
}

const RISK_DECLINE = 0.7;
const APPROVE_AT = 0.5;

export function outcomeOf(approval: number, risk: number, fired: readonly FiredRule[]): Decision["outcome"] {
    if (risk >= RISK_DECLINE) return "decline";
    if (fired.some((rule) => rule.rule_type === "authentication")) return "step-up authentication";
    return approval >= APPROVE_AT ? "approve" : "review";
}

export function retryAdvice(approval: number, retrySuccess: number, fired: readonly FiredRule[]): string {
    const retryRule = fired.find((rule) => rule.rule_type === "retry");
    if (retryRule) return `rule "${retryRule.name}": ${retryRule.action_summary}`;
    if (approval >= APPROVE_AT) return "no retry expected: the issuer is likely to approve the first attempt";
    if (retrySuccess >= APPROVE_AT) return `retry once if declined (${Math.round(retrySuccess * 100)}% expected success)`;
    return `do not retry (${Math.round(retrySuccess * 100)}% expected success)`;
}

/** Probability of the positive class from one prediction: a number, or [p(0), p(1)], or {probability}. */
export function probabilityOf(prediction: unknown, endpoint: string): number {
    const value = Array.isArray(prediction) ? prediction[prediction.length - 1] : typeof prediction === "object" && prediction !== null ? (prediction as Record<string, unknown>)["probability"] : prediction;
    const number = Number(value);
    if (!Number.isFinite(number) || number < 0 || number > 1) {
        throw new UserFacingError(502, `serving endpoint ${endpoint} returned a prediction that is not a probability`, JSON.stringify(prediction));
    }
    return number;
}

function featureRecords(transactions: readonly Transaction[], model: ModelKey): Record<string, number | string>[] {
    const numeric = (t: Transaction) => ({ amount: t.amount, fraud_score: t.fraud_score, device_trust_score: t.device_trust_score, is_cross_border: Number(t.is_cross_border) });
    return transactions.map((t): Record<string, number | string> => {
        switch (model) {
            case "approval_propensity":
                return { ...numeric(t), retry_count: t.retry_count, uses_3ds: Number(t.uses_3ds) };
            case "risk_scoring":
                return { ...numeric(t), aml_risk_score: t.aml_risk_score, processing_time_ms: t.processing_time_ms };
            case "smart_routing":
                return { ...numeric(t), merchant_segment: t.merchant_segment, card_network: t.card_network };
            case "smart_retry":
                return {
                    amount: t.amount,
                    fraud_score: t.fraud_score,
                    device_trust_score: t.device_trust_score,
                    retry_count: t.retry_count + 1,
                    is_recurring: 0,
                    attempt_sequence: t.retry_count + 2,
                    time_since_last_attempt_seconds: 3600,
                    prior_approved_count: 0,
                    merchant_retry_policy_max_attempts: 3,
                    retry_scenario: "PaymentRetry",
                };
        }
    });
}

export class Decisioning {
    constructor(
        private readonly ws: WorkspaceApi,
        private readonly config: AppConfig,
    ) {}

    /** Predictions of `model` for each transaction, in order. */
    async predict(model: ModelKey, transactions: readonly Transaction[]): Promise<unknown[]> {
        const endpoint = this.config.endpoints[model];
        const response = await this.ws.post<{ predictions?: unknown[] }>(
            `/serving-endpoints/${encodeURIComponent(endpoint)}/invocations`,
            { dataframe_records: featureRecords(transactions, model) },
            `scoring with the ${model.replace(/_/g, " ")} model (endpoint ${endpoint})`,
        );
        if (!Array.isArray(response.predictions) || response.predictions.length !== transactions.length) {
            throw new UserFacingError(502, `serving endpoint ${endpoint} returned ${Array.isArray(response.predictions) ? response.predictions.length : "no"} predictions for ${transactions.length} transaction(s)`);
        }
        return response.predictions;
    }

    async decide(transaction: Transaction, rules: readonly Rule[]): Promise<Decision> {
        const [approval, risk, route, retry] = await Promise.all([
            this.predict("approval_propensity", [transaction]),
            this.predict("risk_scoring", [transaction]),
            this.predict("smart_routing", [transaction]),
            this.predict("smart_retry", [transaction]),
        ]);
        const approvalProbability = probabilityOf(approval[0], this.config.endpoints.approval_propensity);
        const riskScore = probabilityOf(risk[0], this.config.endpoints.risk_scoring);
        const retrySuccess = probabilityOf(retry[0], this.config.endpoints.smart_retry);
        const fired = firedRules(rules, transaction);
        const similar = await this.similarCases(transaction).then(
            (rows) => ({ rows }),
            (error: Error) => ({ rows: [] as Row[], error: error instanceof UserFacingError ? error.message : "similar cases could not be searched" }),
        );
        return {
            approval_probability: approvalProbability,
            risk_score: riskScore,
            recommended_route: String(route[0]),
            retry: { success_probability: retrySuccess, advice: retryAdvice(approvalProbability, retrySuccess, fired) },
            outcome: outcomeOf(approvalProbability, riskScore, fired),
            rules_fired: fired,
            similar_cases: similar.rows,
            ...("error" in similar ? { similar_cases_error: similar.error } : {}),
        };
    }

    async similarCases(transaction: Transaction): Promise<Row[]> {
        const index = `${this.config.catalog}.${this.config.schema}.${SEARCH_INDEX}`;
        const query = `${transaction.card_network} ${transaction.merchant_segment} payment of ${transaction.amount} ${transaction.currency}, fraud score ${transaction.fraud_score}`;
        const response = await this.ws.post<{ manifest?: { columns?: { name: string }[] }; result?: { data_array?: unknown[][] } }>(
            `/api/2.0/vector-search/indexes/${encodeURIComponent(index)}/query`,
            { query_text: query, columns: ["transaction_id", "summary_text", "outcome", "amount"], num_results: 5 },
            `searching similar cases (index ${index})`,
        );
        const columns = (response.manifest?.columns ?? []).map((column) => column.name);
        return (response.result?.data_array ?? []).map((cells) => Object.fromEntries(columns.map((name, i) => [name, cells[i] as Row[string]])));
    }

    /**
     * Replays `sample` (recent transactions with their outcome) through the approval and risk models and the
     * rules: a declined transaction counts as recovered when the model expects approval at `threshold` and
     * its risk is below the decline line. The uplift is the recovered share, in percentage points.
     */
    async policyTest(sample: readonly Row[], rules: readonly Rule[], threshold: number): Promise<PolicyTestResult> {
        if (sample.length === 0) throw new UserFacingError(404, "the policy test found no recent transactions to replay: run the simulator and the ETL first");
        const transactions = sample.map(transactionFromRow);
        const [approval, risk] = await Promise.all([this.predict("approval_propensity", transactions), this.predict("risk_scoring", transactions)]);
        const ruleCounts = new Map<string, number>();
        let approved = 0;
        let recovered = 0;
        sample.forEach((row, i) => {
            const p = probabilityOf(approval[i], this.config.endpoints.approval_propensity);
            const r = probabilityOf(risk[i], this.config.endpoints.risk_scoring);
            for (const rule of firedRules(rules, transactions[i])) ruleCounts.set(rule.name, (ruleCounts.get(rule.name) ?? 0) + 1);
            if (row["is_approved"] === true) approved++;
            else if (p >= threshold && r < RISK_DECLINE) recovered++;
        });
        const pct = (n: number) => Math.round((1000 * n) / sample.length) / 10;
        return {
            sample_size: sample.length,
            threshold,
            baseline_approval_pct: pct(approved),
            policy_approval_pct: pct(approved + recovered),
            uplift_pct_points: pct(recovered),
            recovered,
            rules_fired: [...ruleCounts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count),
        };
    }
}

export interface PolicyTestResult {
    readonly sample_size: number;
    readonly threshold: number;
    readonly baseline_approval_pct: number;
    readonly policy_approval_pct: number;
    readonly uplift_pct_points: number;
    readonly recovered: number;
    readonly rules_fired: { name: string; count: number }[];
}

function transactionFromRow(row: Row): Transaction {
    const num = (key: string, fallback: number) => (typeof row[key] === "number" ? (row[key] as number) : fallback);
    const bool = (key: string) => row[key] === true;
    const str = (key: string, fallback: string) => (typeof row[key] === "string" && row[key] ? (row[key] as string) : fallback);
    return {
        amount: num("amount", 0),
        currency: str("currency", "USD"),
        card_network: str("card_network", "unknown"),
        merchant_segment: str("merchant_segment", "unknown"),
        issuer_country: str("issuer_country", "US"),
        fraud_score: num("fraud_score", 0),
        aml_risk_score: num("aml_risk_score", 0),
        device_trust_score: num("device_trust_score", 0),
        is_cross_border: bool("is_cross_border"),
        uses_3ds: bool("uses_3ds"),
        retry_count: num("retry_count", 0),
        processing_time_ms: num("processing_time_ms", 0),
    };
}
