import * as assert from "assert";
import { jobDefinition, NotebookJobDefinition } from "../../components/data/job-catalog";
import { checkTrainingThreshold } from "../../components/data/training-run";
import { TRAINING_MIN_ROWS, TRAINING_MIN_ROWS_WIDGET } from "../../components/data/training-threshold";

describe("the training row threshold (components/data/training-threshold.ts)", () => {
    const training = jobDefinition("train_models") as NotebookJobDefinition;
    const withThreshold = (value: string | undefined): NotebookJobDefinition => {
        const fixed: Record<string, string> = { ...training.fixedParameters };
        if (value === undefined) delete fixed[TRAINING_MIN_ROWS_WIDGET];
        else fixed[TRAINING_MIN_ROWS_WIDGET] = value;
        return { ...training, fixedParameters: fixed };
    };

    it("is passed by the training job to its notebook, as the readiness check's number", () => {
        assert.strictEqual(training.fixedParameters?.[TRAINING_MIN_ROWS_WIDGET], String(TRAINING_MIN_ROWS));
        assert.doesNotThrow(() => checkTrainingThreshold(training));
    });

    it("stops the deploy-time run when the job passes another threshold, or none, naming the widget and the value it must be", () => {
        assert.throws(() => checkTrainingThreshold(withThreshold(String(TRAINING_MIN_ROWS + 1))), new RegExp(`passes ${TRAINING_MIN_ROWS_WIDGET}="${TRAINING_MIN_ROWS + 1}", but the readiness check waits for ${TRAINING_MIN_ROWS} rows`));
        assert.throws(() => checkTrainingThreshold(withThreshold(undefined)), new RegExp(`passes ${TRAINING_MIN_ROWS_WIDGET}=\\(nothing\\)`));
    });

    it("refuses a training job that is not a notebook job", () => {
        assert.throws(() => checkTrainingThreshold(jobDefinition("gold_views")), /gold_views must be a notebook job, found a sql job/);
    });
});
