import type { DatasetContract } from "./types";

/** Builds the lookups over one list of datasets, refusing a list in which two objects share a name. */
export function indexDatasets(list: readonly DatasetContract[]): ReadonlyMap<string, DatasetContract> {
    const byName = new Map<string, DatasetContract>();
    for (const dataset of list) {
        const clash = byName.get(dataset.name);
        if (clash) {
            throw new Error(
                `dataset "${dataset.name}" is declared twice (producers ${clash.producer.path} and ${dataset.producer.path}); ` +
                    "one metastore object can have only one producer",
            );
        }
        byName.set(dataset.name, dataset);
    }
    return byName;
}

/** The dataset called `name`, or an error that names it and suggests the closest valid names. */
export function findDataset(byName: ReadonlyMap<string, DatasetContract>, name: string): DatasetContract {
    const found = byName.get(name);
    if (found) return found;
    const known = [...byName.keys()];
    const close = closestNames(name, known);
    const hint = close.length > 0 ? `did you mean ${close.map((n) => `"${n}"`).join(", ")}? ` : "";
    throw new Error(`unknown dataset "${name}": ${hint}valid datasets are ${known.join(", ")}`);
}

/** Up to three names within a small edit distance of `name`, nearest first. */
export function closestNames(name: string, candidates: readonly string[]): string[] {
    const limit = Math.max(2, Math.floor(name.length / 3));
    return candidates
        .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
        .filter(({ distance }) => distance <= limit)
        .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
        .slice(0, 3)
        .map(({ candidate }) => candidate);
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
