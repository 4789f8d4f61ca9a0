import { Button, Textarea } from "@databricks/appkit-ui/react";
import { useState } from "react";
import { api } from "../api";
import { Loading, Problem, RowsTable, Section, useApi } from "../ui";

interface Answer {
    text: string | null;
    columns: string[];
    rows: unknown[][];
}

export function AskPage() {
    const status = useApi<{ available: boolean }>("/ask");
    const [question, setQuestion] = useState("");
    const [asking, setAsking] = useState(false);
    const [answer, setAnswer] = useState<Answer | null>(null);
    const [error, setError] = useState<string | null>(null);
    if (status.loading && !status.data) return <Loading />;
    if (status.error) return <Problem message={status.error} />;
    if (!status.data?.available) {
        return (
            <Section title="Ask in plain language" testId="ask">
                <p data-testid="ask-unavailable">
                    This stack has no Genie space yet, so questions cannot be asked here. The deployment creates it once the gold views exist: on a stack without
                    simulated data, the first <code>pulumi up</code> after events have reached silver. Until then the dashboards answer the common questions.
                </p>
            </Section>
        );
    }
    const ask = async () => {
        setError(null);
        setAnswer(null);
        setAsking(true);
        try {
            setAnswer((await api<{ answer: Answer }>("/ask", { method: "POST", body: { question } })).answer);
        } catch (e) {
            setError((e as Error).message);
        } finally {
            setAsking(false);
        }
    };
    return (
        <Section title="Ask in plain language" testId="ask">
            <p className="text-muted-foreground mb-2">Questions go to the stack's Genie space, which answers from the gold views and the enriched silver table.</p>
            <Textarea aria-label="Question" value={question} onChange={(e) => setQuestion(e.target.value)} placeholder="Which payment solution has the highest approval rate?" />
            <Button className="mt-2" disabled={asking || question.trim().length < 3} onClick={() => void ask()}>
                {asking ? "Genie is answering…" : "Ask"}
            </Button>
            {error && <Problem message={error} />}
            {answer && (
                <div className="mt-3" data-testid="ask-answer">
                    {answer.text && <p className="mb-2">{answer.text}</p>}
                    <RowsTable rows={answer.rows.map((row) => Object.fromEntries(answer.columns.map((c, i) => [c, row[i]])))} empty="" />
                </div>
            )}
        </Section>
    );
}
