import * as assert from "assert";
import { sparkFigures } from "../../scripts/lib/bench-spark";

describe("bench: figures of the local Spark run", () => {
    it("sums the timed steps and derives the simulator's sustained rate from its live events (not its history)", () => {
        const figures = sparkFigures({
            steps: { "spark session": 4, "notebooks/transaction_simulator.py": 70, "simulator events": { history: 3000, live: 3000, liveSeconds: 60 }, "SQL files": 10 },
        });
        assert.deepStrictEqual(figures.steps, [["spark session", 4], ["notebooks/transaction_simulator.py", 70], ["SQL files", 10]]);
        assert.strictEqual(figures.totalSeconds, 84);
        assert.strictEqual(figures.simulatorEventsPerSecond, 50);
    });

    it("says how to produce the figures when there is no run result", () => {
        assert.throws(() => sparkFigures({}), /run `npm run test:spark` first/);
        assert.strictEqual(sparkFigures({ steps: { "SQL files": 3 } }).simulatorEventsPerSecond, undefined);
    });
});
