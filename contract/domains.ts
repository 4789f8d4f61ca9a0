/**
 * Value domains that two producers must agree on. The simulator emits merchants and the bronze
 * dimension describes them; the original generated m_0..m_99 but described only m_0..m_49 and gave the
 * event a segment the dimension contradicted, so half the silver rows had no merchant attributes.
 * Both notebooks derive merchants from these rules, and tests hold the notebooks to them.
 */
export const MERCHANT_COUNT = 100;

export const MERCHANT_SEGMENTS = [
    "Travel",
    "Retail",
    "Gaming",
    "Digital",
    "Entertainment",
    "Grocery",
    "Fuel",
    "Subscription",
] as const;

export const MERCHANT_COUNTRIES = ["US", "GB", "CA"] as const;
export const MERCHANT_RISK_TIERS = ["low", "medium", "high"] as const;

export interface Merchant {
    readonly merchantId: string;
    readonly merchantName: string;
    readonly merchantSegment: (typeof MERCHANT_SEGMENTS)[number];
    readonly merchantCountry: (typeof MERCHANT_COUNTRIES)[number];
    readonly merchantRiskTier: (typeof MERCHANT_RISK_TIERS)[number];
}

/** The merchant with index `index` (0 <= index < MERCHANT_COUNT), as both the simulator and the dimension must see it. */
export function merchantAt(index: number): Merchant {
    if (!Number.isInteger(index) || index < 0 || index >= MERCHANT_COUNT) {
        throw new Error(`merchant index ${index} is out of range: valid indexes are 0..${MERCHANT_COUNT - 1}`);
    }
    return {
        merchantId: `m_${index}`,
        merchantName: `Merchant ${index}`,
        merchantSegment: MERCHANT_SEGMENTS[index % MERCHANT_SEGMENTS.length],
        merchantCountry: MERCHANT_COUNTRIES[index % MERCHANT_COUNTRIES.length],
        merchantRiskTier: MERCHANT_RISK_TIERS[index % MERCHANT_RISK_TIERS.length],
    };
}

export const merchants: readonly Merchant[] = Array.from({ length: MERCHANT_COUNT }, (_, i) => merchantAt(i));

/** Raw decline reasons the simulator emits (decline_reason in the landing table). */
export const DECLINE_REASONS = [
    "INSUFFICIENT_FUNDS",
    "FRAUD_SUSPECTED",
    "EXPIRED_CARD",
    "DO_NOT_HONOR",
    "ISSUER_UNAVAILABLE",
    "CVV_MISMATCH",
    "LIMIT_EXCEEDED",
    "3DS_AUTH_FAILED",
] as const;
