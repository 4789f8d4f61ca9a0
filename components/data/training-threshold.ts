/**
 * How many silver rows training needs, stated once. The deploy-time readiness check (data-readiness.ts) asks
 * the workspace for at least this many before it declares the training run, and the training job passes the
 * same number to the notebook, which refuses fewer: a run the deployment starts can never fail on a threshold
 * the deployment did not check.
 */
export const TRAINING_MIN_ROWS = 50;

/** The training notebook's widget that receives TRAINING_MIN_ROWS; it has no default of its own. */
export const TRAINING_MIN_ROWS_WIDGET = "min_training_rows";
