import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { accessControlsFor, ACCESS_LEVELS, GroupAccess, PermissionTarget } from "./permission-levels";

export interface ControlledObject {
    /** Unique logical name; also the child resource's name suffix. */
    readonly key: string;
    readonly target: PermissionTarget;
    /** The object's id (its name, for apps). */
    readonly id: pulumi.Input<string>;
    /** Service principals (application ids) with their own level on this object, beside the groups. */
    readonly principals?: readonly PrincipalAccess[];
}

export interface PrincipalAccess {
    readonly applicationId: pulumi.Input<string>;
    readonly level: string;
}

export interface WorkspaceAccessArgs {
    readonly objects: readonly ControlledObject[];
    readonly groups: GroupAccess;
}

/**
 * Group permissions on every workspace object of the stack, one authoritative `databricks.Permissions`
 * per object, with the service principals an object names (the app's, on the pipelines it starts) in the
 * same resource, since two authoritative lists on one object would undo each other. An object with
 * neither groups nor principals (everything in dev but those) gets none: the deploying user owns it.
 */
export class WorkspaceAccess extends pulumi.ComponentResource {
    constructor(name: string, args: WorkspaceAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:app:WorkspaceAccess", name, {}, opts);
        const keys = args.objects.map((o) => o.key);
        const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
        if (repeated.length > 0) throw new Error(`WorkspaceAccess ${name}: objects listed twice: ${[...new Set(repeated)].join(", ")}`);

        for (const object of args.objects) {
            const principals = (object.principals ?? []).map((p) => ({ servicePrincipalName: p.applicationId, permissionLevel: p.level }));
            const accessControls = [...accessControlsFor(object.target, args.groups), ...principals];
            if (accessControls.length === 0) continue;
            new databricks.Permissions(`${name}-${object.key}`, { [ACCESS_LEVELS[object.target].idInput]: object.id, accessControls }, { parent: this });
        }
        this.registerOutputs({});
    }
}
