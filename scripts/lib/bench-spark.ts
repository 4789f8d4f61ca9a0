/**
 * Figures of the last local Spark run (`npm run test:spark` writes `.tmp/spark/result.json`): the time of
 * each step and the live event rate the simulator sustained. Pure: the caller reads the file.
 */
export interface SparkFigures {
    readonly steps: ReadonlyArray<readonly [name: string, seconds: number]>;
    readonly totalSeconds: number;
    /** Live events the simulator streamed per second of its streaming loop (its one-off history not counted). */
    readonly simulatorEventsPerSecond: number | undefined;
}

const SIMULATOR_EVENTS = "simulator events";

export function sparkFigures(result: unknown): SparkFigures {
    const steps = (result as { steps?: Record<string, unknown> } | null)?.steps;
    if (steps === undefined || steps === null || typeof steps !== "object") {
        throw new Error("the Spark run's result has no `steps`: run `npm run test:spark` first (it writes .tmp/spark/result.json)");
    }
    const timed = Object.entries(steps).filter((entry): entry is [string, number] => typeof entry[1] === "number");
    const simulator = steps[SIMULATOR_EVENTS] as { live?: unknown; liveSeconds?: unknown } | undefined;
    const live = simulator?.live;
    const seconds = simulator?.liveSeconds;
    return {
        steps: timed,
        totalSeconds: timed.reduce((sum, [, stepSeconds]) => sum + stepSeconds, 0),
        simulatorEventsPerSecond: typeof live === "number" && typeof seconds === "number" && seconds > 0 ? live / seconds : undefined,
    };
}
