-- Headline KPIs of the stack's gold layer (one row).
-- @param catalog STRING
-- @param schema STRING
SELECT total_transactions, approval_rate_pct, approved_count, declined_count, total_transaction_value,
       avg_fraud_score, unique_merchants, unique_countries, period_start, period_end
FROM IDENTIFIER(:catalog || '.' || :schema || '.v_executive_kpis')
