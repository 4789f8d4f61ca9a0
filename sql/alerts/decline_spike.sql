-- Declines of the last complete hour against the average hour of the 24 before it, in percent
-- (200 = twice the usual). No row while there is no baseline yet.
WITH hourly AS (
    SELECT hour, declined_count
    FROM {{catalog}}.{{schema}}.v_approval_trends_hourly
),
last_hour AS (
    SELECT declined_count AS declines
    FROM hourly
    WHERE hour = date_trunc('HOUR', current_timestamp() - INTERVAL 1 HOUR)
),
baseline AS (
    SELECT avg(declined_count) AS declines
    FROM hourly
    WHERE hour >= date_trunc('HOUR', current_timestamp() - INTERVAL 25 HOURS)
      AND hour < date_trunc('HOUR', current_timestamp() - INTERVAL 1 HOUR)
)
SELECT 100.0 * l.declines / b.declines AS declines_vs_baseline_pct, l.declines AS declines_last_hour
FROM last_hour AS l
CROSS JOIN baseline AS b
WHERE b.declines > 0
