from mlflow.tracking.client import MlflowClient as MlflowClient
