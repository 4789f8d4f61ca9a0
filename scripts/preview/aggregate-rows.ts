/**
 * Widget rows from dataset rows, as Lakeview computes them: a widget's query groups the dataset's rows by
 * its plain, truncated and binned fields and computes its aggregates (SUM, AVG, MIN, MAX, MEDIAN, COUNT,
 * COUNT DISTINCT) per group; a disaggregated query takes the rows one by one. So rows saved from a
 * dataset (one per attempt, say) give each widget the numbers the workspace would show for them.
 */
import { parseFieldExpression } from "../../checks/dashboards-fields";
import type { PreviewField } from "./dashboard-shape";
import type { Row } from "./sample-rows";

type Value = Row[string];

interface FieldPlan {
    readonly name: string;
    readonly column: string | undefined;
    /** undefined for a grouping field. */
    readonly aggregate?: (values: Value[], groupSize: number) => Value;
    readonly transform?: (value: Value) => Value;
}

const numbers = (values: Value[]): number[] => values.filter((v) => v !== null && v !== undefined && v !== "").map(Number).filter((n) => !Number.isNaN(n));

const AGGREGATES: Readonly<Record<string, (values: Value[], groupSize: number) => Value>> = {
    sum: (values) => numbers(values).reduce((a, b) => a + b, 0),
    avg: (values) => {
        const n = numbers(values);
        return n.length === 0 ? null : n.reduce((a, b) => a + b, 0) / n.length;
    },
    min: (values) => (numbers(values).length === 0 ? null : Math.min(...numbers(values))),
    max: (values) => (numbers(values).length === 0 ? null : Math.max(...numbers(values))),
    median: (values) => {
        const n = numbers(values).sort((a, b) => a - b);
        if (n.length === 0) return null;
        const mid = Math.floor(n.length / 2);
        return n.length % 2 === 1 ? n[mid] : (n[mid - 1] + n[mid]) / 2;
    },
    count: (values, groupSize) => (values.length === 0 ? groupSize : values.filter((v) => v !== null && v !== undefined).length),
    countdistinct: (values) => new Set(values.filter((v) => v !== null && v !== undefined).map(String)).size,
};

/** Truncation to the unit's start, in UTC (the local Spark run's session time zone), as an ISO timestamp. */
function truncate(unit: string): (value: Value) => Value {
    return (value) => {
        if (value === null || value === undefined) return null;
        const date = new Date(typeof value === "number" ? value : String(value).replace(" ", "T").replace(/(T[\d:.]+)$/, "$1Z"));
        if (Number.isNaN(date.getTime())) throw new Error(`"${String(value)}" is not a date or timestamp`);
        const dayStart = () => date.setUTCHours(0, 0, 0, 0);
        const parts: Record<string, () => void> = {
            secondly: () => date.setUTCMilliseconds(0),
            minutely: () => date.setUTCSeconds(0, 0),
            hourly: () => date.setUTCMinutes(0, 0, 0),
            daily: dayStart,
            weekly: () => {
                dayStart();
                date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
            },
            monthly: () => {
                dayStart();
                date.setUTCDate(1);
            },
            quarterly: () => {
                dayStart();
                date.setUTCMonth(date.getUTCMonth() - (date.getUTCMonth() % 3), 1);
            },
            yearly: () => {
                dayStart();
                date.setUTCMonth(0, 1);
            },
        };
        parts[unit]();
        return date.toISOString();
    };
}

function plan(field: PreviewField, where: string): FieldPlan {
    const parsed = parseFieldExpression(field.expression);
    if (typeof parsed === "string") throw new Error(`${where} > field "${field.name}": ${parsed}`);
    const fn = /^(\w+)\(/.exec(parsed.conventionalName)?.[1];
    if (parsed.aggregate) return { name: field.name, column: parsed.column, aggregate: AGGREGATES[fn ?? ""] ?? AGGREGATES.count };
    if (fn === "bin") {
        const width = Number(/binWidth=([0-9.]+)/.exec(parsed.conventionalName)?.[1]);
        return { name: field.name, column: parsed.column, transform: (v) => (v === null ? null : Math.floor(Number(v) / width) * width) };
    }
    if (fn !== undefined) return { name: field.name, column: parsed.column, transform: truncate(fn) };
    return { name: field.name, column: parsed.column };
}

/**
 * The widget's rows from `rows` of its dataset. Every column a field reads must be in the rows (an error
 * names the file and the column otherwise); groups come out sorted by their grouping values.
 */
export function aggregateRows(rows: readonly Row[], fields: readonly PreviewField[], disaggregated: boolean, where: string, file: string): Row[] {
    const plans = fields.map((field) => plan(field, where));
    rows.forEach((row, index) => {
        for (const p of plans) {
            if (p.column !== undefined && !(p.column in row)) throw new Error(`${where}: ${file} row ${index} has no column "${p.column}" (field "${p.name}")`);
        }
    });
    const valueOf = (p: FieldPlan, row: Row, index: number): Value => {
        const raw = p.column === undefined ? null : row[p.column];
        try {
            return p.transform ? p.transform(raw) : raw;
        } catch (error) {
            throw new Error(`${where}: ${file} row ${index}, field "${p.name}": ${(error as Error).message}`, { cause: error });
        }
    };
    const grouping = plans.filter((p) => p.aggregate === undefined);
    if (disaggregated) return rows.map((row, i) => Object.fromEntries(plans.map((p) => [p.name, valueOf(p, row, i)])));
    const groups = new Map<string, { key: Row; members: { row: Row; index: number }[] }>();
    rows.forEach((row, index) => {
        const key = Object.fromEntries(grouping.map((p) => [p.name, valueOf(p, row, index)])) as Row;
        const id = JSON.stringify(grouping.map((p) => key[p.name]));
        const group = groups.get(id) ?? { key, members: [] };
        group.members.push({ row, index });
        groups.set(id, group);
    });
    return [...groups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, group]) => {
            const out: Row = { ...group.key };
            for (const p of plans) {
                if (p.aggregate === undefined) continue;
                const values = p.column === undefined ? [] : group.members.map(({ row }) => row[p.column as string]);
                out[p.name] = p.aggregate(values, group.members.length);
            }
            return out;
        });
}
