import { columnsFromDdl } from "./ddl";
import type { DatasetContract } from "./types";

const SIMULATOR = { kind: "notebook", path: "notebooks/transaction_simulator.py" } as const;

/** The 46 columns every payment event carries, from the simulator through bronze into silver. */
export const PAYMENT_EVENT_DDL = `
    transaction_id string not null, merchant_id string not null, cardholder_id string, card_token_id string,
    amount double not null, currency string not null,
    card_network string, card_bin string, issuer_country string, geo_country string, merchant_segment string,
    entry_system string, flow_type string, transaction_stage string, merchant_response_code string,
    payment_method_type string, payment_solution string, entry_mode string,
    device_type string, device_fingerprint string, ip_address string,
    uses_3ds boolean, three_ds_routed boolean, three_ds_friction boolean, three_ds_authenticated boolean,
    antifraud_used boolean, antifraud_result string, vault_used boolean, data_only_used boolean,
    click_to_pay_used boolean, idpay_invoked boolean, idpay_success boolean, is_network_token boolean,
    has_passkey boolean,
    is_recurring boolean, is_retry boolean, retry_count int,
    fraud_score double, aml_risk_score double, device_trust_score double,
    is_approved boolean, decline_reason string, decline_code_raw string, processing_time_ms int,
    event_timestamp timestamp not null, _ingested_at timestamp`;

export const landingDatasets: readonly DatasetContract[] = [
    {
        name: "payments_stream_input",
        layer: "landing",
        kind: "table",
        producer: SIMULATOR,
        createdBy: { kind: "sql", path: "sql/landing_table.sql" },
        comment: "Simulated payment events; change data feed on, read by the ETL and real-time consumers.",
        columns: columnsFromDdl(PAYMENT_EVENT_DDL, "payments_stream_input"),
    },
];
