-- Volume and approval rate per day, newest first.
-- @param catalog STRING
-- @param schema STRING
-- @param days INT
SELECT event_date, transactions, approval_rate, total_value
FROM IDENTIFIER(:catalog || '.' || :schema || '.v_daily_trends')
ORDER BY event_date DESC
LIMIT :days
