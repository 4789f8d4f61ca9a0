-- Approval rate of the last hour, in percent. Hours with little traffic return no row (the alert then
-- stays OK), so a quiet night never pages anyone.
SELECT approval_rate_pct, transactions_last_hour
FROM {{catalog}}.{{schema}}.v_last_hour_performance
WHERE transactions_last_hour >= 50
