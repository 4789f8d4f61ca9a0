/** Lakeview number formats (abbreviation, decimal places, currency, percent) for counters and tables. */
export interface NumberFormat {
    readonly type?: string;
    readonly abbreviation?: string;
    readonly decimalPlaces?: { type?: string; places?: number };
    readonly currencyCode?: string;
}

export function formatValue(value: unknown, format: NumberFormat | undefined): string {
    if (value === null || value === undefined) return "null";
    if (typeof value !== "number") return String(value);
    const places = format?.decimalPlaces?.places ?? 2;
    const exact = format?.decimalPlaces?.type === "exact";
    const options: Intl.NumberFormatOptions = {
        maximumFractionDigits: places,
        minimumFractionDigits: exact ? places : 0,
        ...(format?.abbreviation === "compact" ? { notation: "compact" } : {}),
        ...(format?.type === "number-currency" ? { style: "currency", currency: format.currencyCode ?? "USD" } : {}),
        ...(format?.type === "number-percent" ? { style: "percent" } : {}),
    };
    return new Intl.NumberFormat("en-US", options).format(value);
}
