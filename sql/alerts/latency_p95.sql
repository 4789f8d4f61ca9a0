-- 95th percentile of authorisation processing time over the last hour, in milliseconds. Fewer than 50
-- events give no row: a percentile of a handful of events is noise.
SELECT percentile_approx(processing_time_ms, 0.95) AS latency_p95_ms, count(*) AS transactions
FROM {{catalog}}.{{schema}}.payments_enriched_silver
WHERE event_time >= current_timestamp() - INTERVAL 1 HOUR
HAVING count(*) >= 50
