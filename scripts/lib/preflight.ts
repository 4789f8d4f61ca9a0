/**
 * Preflight: before `pulumi up` creates anything, check that the deploying identity holds every Unity
 * Catalog privilege the deployment needs, and report every missing one in one message (instead of a
 * failure halfway through, after the schema exists but the grants cannot be made).
 *
 * A privilege counts when it is held by the identity itself, by one of its groups or by `account users`,
 * directly or inherited (the effective-permissions API resolves inheritance). Ownership of the securable,
 * or of the metastore (a metastore admin), satisfies every privilege on it.
 */
import { WorkspaceClient } from "@databricks/sdk-experimental";
import { REQUIRED_PRIVILEGES, Requirement, Securable } from "../../components/platform/privileges";

export { REQUIRED_PRIVILEGES };

export interface PreflightFinding extends Requirement {
    readonly name: string;
}

/** The principals whose privileges are the identity's own: itself, its groups, and everyone's group. */
export async function principalsOf(ws: WorkspaceClient): Promise<{ identity: string; principals: Set<string> }> {
    const me = await ws.currentUser.me();
    const identity = me.userName ?? me.id;
    if (!identity) throw new Error("SCIM Me returned no userName or id for the deploying identity");
    const groups = (me.groups ?? []).map((group) => group.display).filter((name): name is string => typeof name === "string" && name.length > 0);
    return { identity, principals: new Set([identity, ...groups, "account users"]) };
}

async function effectivePrivileges(ws: WorkspaceClient, securable: Securable, fullName: string, principals: Set<string>): Promise<Set<string>> {
    const held = new Set<string>();
    for (const principal of principals) {
        const answer = await ws.grants.getEffective({ securable_type: securable, full_name: fullName, principal });
        for (const assignment of answer.privilege_assignments ?? []) {
            if (assignment.principal !== undefined && !principals.has(assignment.principal)) continue;
            for (const privilege of assignment.privileges ?? []) if (privilege.privilege) held.add(String(privilege.privilege));
        }
    }
    return held;
}

/** Every requirement the identity lacks; empty when the deployment may proceed. */
export async function missingPrivileges(ws: WorkspaceClient, catalogName: string, requirements: readonly Requirement[] = REQUIRED_PRIVILEGES): Promise<{ identity: string; missing: PreflightFinding[] }> {
    const { identity, principals } = await principalsOf(ws);
    const assignment = await ws.metastores.current();
    const metastoreId = assignment.metastore_id;
    if (!metastoreId) throw new Error("the workspace has no Unity Catalog metastore assigned (current-metastore-assignment returned none)");
    const metastore = await ws.metastores.get({ id: metastoreId });
    const metastoreAdmin = metastore.owner !== undefined && principals.has(metastore.owner);

    const catalog = await ws.catalogs.get({ name: catalogName });
    const owns: Record<Securable, boolean> = { catalog: metastoreAdmin || (catalog.owner !== undefined && principals.has(catalog.owner)), metastore: metastoreAdmin };
    const names: Record<Securable, string> = { catalog: catalogName, metastore: metastore.name ?? metastoreId };
    const held: Partial<Record<Securable, Set<string>>> = {};
    const missing: PreflightFinding[] = [];
    for (const requirement of requirements) {
        if (owns[requirement.securable]) continue;
        held[requirement.securable] ??= await effectivePrivileges(ws, requirement.securable, requirement.securable === "catalog" ? catalogName : metastoreId, principals);
        const privileges = held[requirement.securable] as Set<string>;
        // ALL_PRIVILEGES covers every privilege but MANAGE, which only ownership or an explicit grant gives.
        const satisfied = privileges.has(requirement.privilege) || (requirement.privilege !== "MANAGE" && privileges.has("ALL_PRIVILEGES"));
        if (!satisfied) missing.push({ ...requirement, name: names[requirement.securable] });
    }
    return { identity, missing };
}

export function formatMissing(identity: string, missing: readonly PreflightFinding[]): string {
    return [
        `${identity} lacks ${missing.length} privilege${missing.length === 1 ? "" : "s"} the deployment needs:`,
        ...missing.map((m) => `  - ${m.privilege} on ${m.securable} ${m.name}: to ${m.why}`),
        "Ask the owner of each securable (or a metastore admin) to grant them, e.g. GRANT USE_CATALOG, CREATE_SCHEMA, MANAGE ON CATALOG <catalog> TO `<you>`.",
    ].join("\n");
}
