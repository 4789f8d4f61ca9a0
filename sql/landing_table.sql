-- The landing table the transaction simulator appends to and both pipelines read through its change data
-- feed. Every stack creates it during `pulumi up`, before the pipelines start, so a stack without the
-- simulated bootstrap (prod) deploys on an empty schema: its pipelines then wait for events instead of
-- failing on a missing source. Safe to run repeatedly: IF NOT EXISTS, and the simulator's own create is a
-- no-op on it.
USE CATALOG `{{catalog}}`;
USE SCHEMA `{{schema}}`;

CREATE TABLE IF NOT EXISTS payments_stream_input (
    transaction_id         STRING NOT NULL,
    merchant_id            STRING NOT NULL,
    cardholder_id          STRING,
    card_token_id          STRING,
    amount                 DOUBLE NOT NULL,
    currency               STRING NOT NULL,
    card_network           STRING,
    card_bin               STRING,
    issuer_country         STRING,
    geo_country            STRING,
    merchant_segment       STRING,
    entry_system           STRING,
    flow_type              STRING,
    transaction_stage      STRING,
    merchant_response_code STRING,
    payment_method_type    STRING,
    payment_solution       STRING,
    entry_mode             STRING,
    device_type            STRING,
    device_fingerprint     STRING,
    ip_address             STRING,
    uses_3ds               BOOLEAN,
    three_ds_routed        BOOLEAN,
    three_ds_friction      BOOLEAN,
    three_ds_authenticated BOOLEAN,
    antifraud_used         BOOLEAN,
    antifraud_result       STRING,
    vault_used             BOOLEAN,
    data_only_used         BOOLEAN,
    click_to_pay_used      BOOLEAN,
    idpay_invoked          BOOLEAN,
    idpay_success          BOOLEAN,
    is_network_token       BOOLEAN,
    has_passkey            BOOLEAN,
    is_recurring           BOOLEAN,
    is_retry               BOOLEAN,
    retry_count            INT,
    fraud_score            DOUBLE,
    aml_risk_score         DOUBLE,
    device_trust_score     DOUBLE,
    is_approved            BOOLEAN,
    decline_reason         STRING,
    decline_code_raw       STRING,
    processing_time_ms     INT,
    event_timestamp        TIMESTAMP NOT NULL,
    _ingested_at           TIMESTAMP
)
USING DELTA
COMMENT 'Simulated payment events (transaction_simulator notebook); change data feed on.'
TBLPROPERTIES (
    'delta.enableChangeDataFeed' = 'true',
    'delta.autoOptimize.optimizeWrite' = 'true',
    'delta.autoOptimize.autoCompact' = 'true'
);
