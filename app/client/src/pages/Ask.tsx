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
    const [answer, setAnswer] = useState<Answer | null>(null);
    const [error, setError] = useState<string | null>(null);
    if (status.loading && !status.data) return <Loading />;
    if (status.error) return <Problem message={status.error} />;
    if (!status.data?.available) {
        return (
            <Section title="Ask in plain language" testId="ask">
                <p data-testid="ask-unavailable">This stack has no Genie space bound to the app, so questions cannot be asked here. The dashboards answer the common ones.</p>
            </Section>
        );
    }
    const ask = async () => {
        setError(null);
        try {
            setAnswer((await api<{ answer: Answer }>("/ask", { method: "POST", body: { question } })).answer);
        } catch (e) {
            setError((e as Error).message);
        }
    };
    return (
        <Section title="Ask in plain language" testId="ask">
            <Textarea value={question} onChange={(e) => setQuestion(e.target.value)} placeholder="Which merchant segment declined most last week?" />
            <Button className="mt-2" onClick={() => void ask()}>
                Ask
            </Button>
            {error && <Problem message={error} />}
            {answer && (
                <div className="mt-3">
                    {answer.text && <p>{answer.text}</p>}
                    <RowsTable rows={answer.rows.map((row) => Object.fromEntries(answer.columns.map((c, i) => [c, row[i]])))} empty="" />
                </div>
            )}
        </Section>
    );
}
