-- Decline rate (declines per transaction) of the last hour against the decline rate of the 7 days before
-- it, in percent (200 = twice the usual share of declines). Rates, not counts: more traffic at the usual
-- decline rate is not a spike, and a week's rate is steady across the hours of a day. No row while either
-- window has fewer than 50 transactions: a rate of a handful of events is noise, and a quiet hour never
-- pages anyone.
WITH windows AS (
    SELECT
        CASE WHEN event_time >= current_timestamp() - INTERVAL 1 HOUR THEN 'last_hour' ELSE 'baseline' END AS period,
        COUNT(*) AS transactions,
        COUNT_IF(NOT is_approved) AS declines
    FROM {{catalog}}.{{schema}}.payments_enriched_silver
    WHERE event_time >= current_timestamp() - INTERVAL 7 DAYS - INTERVAL 1 HOUR
    GROUP BY 1
),
last_hour AS (SELECT transactions, declines FROM windows WHERE period = 'last_hour' AND transactions >= 50),
baseline AS (SELECT transactions, declines FROM windows WHERE period = 'baseline' AND transactions >= 50)
SELECT
    (100.0 * l.declines / l.transactions) / (100.0 * b.declines / b.transactions) * 100 AS declines_vs_baseline_pct,
    ROUND(100.0 * l.declines / l.transactions, 2) AS decline_rate_last_hour_pct,
    ROUND(100.0 * b.declines / b.transactions, 2) AS decline_rate_baseline_pct
FROM last_hour AS l
CROSS JOIN baseline AS b
WHERE b.declines > 0
