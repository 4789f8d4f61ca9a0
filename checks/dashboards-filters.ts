/**
 * Filter rules for the project's templates (issue 14 item 2). Lakeview filters only the datasets a filter
 * has a query for, so a chart whose dataset was left out keeps showing unfiltered numbers beside filtered
 * ones, with nothing on screen to tell them apart. Hence:
 * - every canvas page has exactly one date-range filter (on the page, or on the dashboard's global
 *   filters page), so the page shows one time window;
 * - the date-range filter is bound to every dataset the page's charts read; a dataset that cannot be
 *   bound must expose a row-level date column first;
 * - any other filter is bound to every dataset of its scope whose result has the filtered column.
 */
import type { LakeviewDashboard, LakeviewPage, LakeviewWidget } from "./lakeview-schema";

export const DATE_RANGE_FILTER = "filter-date-range-picker";

const isFilter = (widget: LakeviewWidget) => widget.spec?.widgetType.startsWith("filter-") === true || widget.spec?.widgetType === "range-slider";

function widgetsOf(page: LakeviewPage): LakeviewWidget[] {
    return (page.layout ?? []).map((item) => item.widget);
}

/** Datasets the charts, counters and tables of `pages` read (filters select, they do not show). */
function datasetsShownOn(pages: readonly LakeviewPage[]): string[] {
    const names = pages.flatMap((page) =>
        widgetsOf(page)
            .filter((widget) => widget.spec !== undefined && !isFilter(widget))
            .flatMap((widget) => (widget.queries ?? []).map((q) => q.query.datasetName)),
    );
    return [...new Set(names)];
}

/** Field name to the datasets the filter binds it on (a binding names a query; the query names the dataset). */
function boundDatasets(widget: LakeviewWidget): Map<string, Set<string>> {
    const bound = new Map<string, Set<string>>();
    const bindings = (widget.spec?.encodings as { fields?: { fieldName?: string; queryName?: string }[] } | undefined)?.fields ?? [];
    for (const binding of bindings) {
        if (binding.fieldName === undefined) continue;
        const query = (widget.queries ?? []).find((q) => q.name === binding.queryName);
        if (query === undefined) continue; // the cross-checks report a binding to a missing query
        const datasets = bound.get(binding.fieldName) ?? new Set<string>();
        datasets.add(query.query.datasetName);
        bound.set(binding.fieldName, datasets);
    }
    return bound;
}

/**
 * `outputColumns` maps each dataset to the columns its query returns (empty when the SQL checker could not
 * tell; such a dataset is not judged on columns).
 */
export function checkPageFilters(dashboard: LakeviewDashboard, source: string, outputColumns: ReadonlyMap<string, readonly string[]>): string[] {
    const problems: string[] = [];
    const canvases = dashboard.pages.filter((page) => page.pageType === "PAGE_TYPE_CANVAS");
    const globalPages = dashboard.pages.filter((page) => page.pageType === "PAGE_TYPE_GLOBAL_FILTERS");
    const globalDateFilters = globalPages.flatMap(widgetsOf).filter((w) => w.spec?.widgetType === DATE_RANGE_FILTER);

    const checkScope = (where: string, filters: readonly LakeviewWidget[], shown: readonly string[]) => {
        for (const filter of filters) {
            const bound = boundDatasets(filter);
            for (const [field, datasets] of bound) {
                for (const dataset of shown) {
                    const returnsField = (outputColumns.get(dataset) ?? []).includes(field);
                    if (returnsField && !datasets.has(dataset)) {
                        problems.push(
                            `${where} > widget "${filter.name}": filters "${field}" but is not bound to dataset "${dataset}", which returns it; ` +
                                `add a query on "${dataset}" to the widget's queries and a binding to it in spec.encodings.fields`,
                        );
                    }
                }
            }
            if (filter.spec?.widgetType !== DATE_RANGE_FILTER) continue;
            const dated = new Set([...bound.values()].flatMap((datasets) => [...datasets]));
            for (const dataset of shown.filter((name) => !dated.has(name))) {
                problems.push(
                    `${where} > widget "${filter.name}": the date range does not reach dataset "${dataset}", so its widgets ignore the page's time window; ` +
                        `return a row-level date column from "${dataset}" and bind the filter to it`,
                );
            }
        }
    };

    for (const page of canvases) {
        const where = `${source}: page "${page.name}"`;
        const filters = widgetsOf(page).filter(isFilter);
        const dateFilters = filters.filter((w) => w.spec?.widgetType === DATE_RANGE_FILTER);
        if (dateFilters.length + globalDateFilters.length === 0) {
            problems.push(`${where} > layout: no ${DATE_RANGE_FILTER} widget on the page or on a global filters page; every page states one time window`);
        } else if (dateFilters.length + globalDateFilters.length > 1) {
            const names = [...dateFilters, ...globalDateFilters].map((w) => `"${w.name}"`).join(", ");
            problems.push(`${where} > layout: ${dateFilters.length + globalDateFilters.length} date-range filters (${names}); a page shows one time window`);
        }
        checkScope(where, filters, datasetsShownOn([page]));
    }
    for (const page of globalPages) checkScope(`${source}: page "${page.name}"`, widgetsOf(page).filter(isFilter), datasetsShownOn(canvases));
    return problems;
}
