/**
 * Figures of the last local Spark run (`npm run test:spark` writes `.tmp/spark/result.json`): the time of
 * each step and the event rate the simulator sustained. Pure: the caller reads the file.
 */
export interface SparkFigures {
    readonly steps: ReadonlyArray<readonly [name: string, seconds: number]>;
    readonly totalSeconds: number;
    /** Landing events written per second of the simulator notebook's own run. */
    readonly simulatorEventsPerSecond: number | undefined;
}

const SIMULATOR_STEP = "notebooks/transaction_simulator.py";

export function sparkFigures(result: unknown): SparkFigures {
    const steps = (result as { steps?: Record<string, unknown> } | null)?.steps;
    if (steps === undefined || steps === null || typeof steps !== "object") {
        throw new Error("the Spark run's result has no `steps`: run `npm run test:spark` first (it writes .tmp/spark/result.json)");
    }
    const timed = Object.entries(steps).filter((entry): entry is [string, number] => typeof entry[1] === "number");
    const bronze = (steps["ETL datasets"] as Record<string, { rows?: unknown }> | undefined)?.["payments_raw_bronze"]?.rows;
    const simulatorSeconds = steps[SIMULATOR_STEP];
    return {
        steps: timed,
        totalSeconds: timed.reduce((sum, [, seconds]) => sum + seconds, 0),
        simulatorEventsPerSecond: typeof bronze === "number" && typeof simulatorSeconds === "number" && simulatorSeconds > 0 ? bronze / simulatorSeconds : undefined,
    };
}
