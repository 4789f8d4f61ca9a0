import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";

export interface PrincipalGrant {
    readonly principal: string;
    readonly privileges: readonly string[];
}

export type SecurableKind = "catalog" | "schema" | "volume" | "table";

export interface SecurableGrants {
    readonly kind: SecurableKind;
    /** Full name of the securable: `catalog`, `catalog.schema` or `catalog.schema.object`. */
    readonly fullName: pulumi.Input<string>;
    /** Logical name; also the child resource's name suffix, so it must be unique. */
    readonly key: string;
    readonly grants: pulumi.Input<readonly pulumi.Input<PrincipalGrant>[]>;
}

export interface UnityCatalogGrantsArgs {
    readonly securables: readonly SecurableGrants[];
    /**
     * The shared catalog: other teams grant on it too, so it gets one non-authoritative `Grant` per
     * principal instead of an authoritative `Grants` that would revoke theirs.
     */
    readonly catalog?: {
        readonly name: pulumi.Input<string>;
        readonly privileges: readonly string[];
        readonly principals: ReadonlyArray<{ readonly key: string; readonly principal: pulumi.Input<string> }>;
    };
    /** Resources that must exist first (e.g. the job that creates the tables granted on). */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * Merges grants for the same principal into one entry with the union of privileges, sorted, so that
 * several callers can contribute to one securable without two `Grants` resources fighting over it.
 */
export function mergeGrants(grants: readonly PrincipalGrant[]): PrincipalGrant[] {
    const byPrincipal = new Map<string, Set<string>>();
    for (const grant of grants) {
        if (grant.principal.trim() === "") throw new Error("grants: a grant has an empty principal");
        const privileges = byPrincipal.get(grant.principal) ?? new Set<string>();
        grant.privileges.forEach((p) => privileges.add(p));
        byPrincipal.set(grant.principal, privileges);
    }
    return [...byPrincipal.keys()].sort().map((principal) => ({ principal, privileges: [...byPrincipal.get(principal)!].sort() }));
}

/**
 * Owns every Unity Catalog grant of the solution: exactly one authoritative `databricks.Grants` per
 * securable. `Grants` replaces all grants on its object, so a second resource for the same object would
 * silently undo the first; this component refuses that at construction.
 */
export class UnityCatalogGrants extends pulumi.ComponentResource {
    constructor(name: string, args: UnityCatalogGrantsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:platform:UnityCatalogGrants", name, {}, opts);
        const seen = new Set<string>();
        const catalogKeys = (args.catalog?.principals ?? []).map((p) => `catalog-${p.key}`);
        for (const key of catalogKeys) {
            if (seen.has(key)) throw new Error(`UnityCatalogGrants ${name}: catalog principal "${key}" is listed twice`);
            seen.add(key);
        }
        for (const securable of args.securables) {
            if (seen.has(securable.key)) {
                throw new Error(`UnityCatalogGrants ${name}: securable "${securable.key}" is listed twice; give all its grants in one entry`);
            }
            seen.add(securable.key);
        }
        for (const securable of args.securables) {
            const merged = pulumi.output(securable.grants).apply((grants) => mergeGrants(grants as PrincipalGrant[]));
            new databricks.Grants(
                `${name}-${securable.key}`,
                {
                    [securable.kind]: securable.fullName,
                    grants: merged.apply((list) => list.map((g) => ({ principal: g.principal, privileges: [...g.privileges] }))),
                },
                { parent: this, dependsOn: args.dependsOn },
            );
        }
        for (const user of args.catalog?.principals ?? []) {
            new databricks.Grant(
                `${name}-catalog-${user.key}`,
                { catalog: args.catalog!.name, principal: user.principal, privileges: [...args.catalog!.privileges] },
                { parent: this },
            );
        }
        this.registerOutputs({});
    }
}
