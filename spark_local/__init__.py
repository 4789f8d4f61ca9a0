"""Runs the project's Databricks notebooks, Lakeflow pipeline code, SQL files and dashboard queries on a local
Spark session (npm run test:spark). See README.md in this folder for what is real and what is emulated."""
