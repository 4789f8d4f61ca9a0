import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";

export interface LakebaseAppRoleArgs {
    /** `projects/<id>/branches/<id>` of the stack's Lakebase data. */
    readonly branchName: pulumi.Input<string>;
    /** Application id of the app's service principal. */
    readonly principal: pulumi.Input<string>;
}

/**
 * Memberships of the app's Postgres role. The synced tables are created by their sync pipeline, not by
 * the app, and no Pulumi resource issues a Postgres GRANT; databricks_superuser is the one declarative
 * way to let the app read them. Its reach is the stack's branch, which holds only this stack's data.
 */
export const APP_ROLE_MEMBERSHIPS = ["DATABRICKS_SUPERUSER"] as const;

/**
 * The app's Postgres role, declared so that its memberships are desired state. The app's `postgres`
 * binding creates the role on deployment (named after the principal, as role ids are the Postgres role
 * name), so this resource adopts it (`replaceExisting`) rather than failing on "already exists"; the
 * membership list is sent whole, as replacing requires.
 */
export class LakebaseAppRole extends pulumi.ComponentResource {
    readonly roleName: pulumi.Output<string>;

    constructor(name: string, args: LakebaseAppRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:platform:LakebaseAppRole", name, {}, opts);
        const role = new databricks.PostgresRole(
            name,
            {
                parent: args.branchName,
                roleId: args.principal,
                replaceExisting: true,
                spec: {
                    postgresRole: args.principal,
                    identityType: "SERVICE_PRINCIPAL",
                    authMethod: "LAKEBASE_OAUTH_V1",
                    membershipRoles: [...APP_ROLE_MEMBERSHIPS],
                },
            },
            { parent: this },
        );
        this.roleName = role.name;
        this.registerOutputs({ roleName: this.roleName });
    }
}
