import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { accessControlsFor, ACCESS_LEVELS, GroupAccess, PermissionTarget } from "./permission-levels";

export interface ControlledObject {
    /** Unique logical name; also the child resource's name suffix. */
    readonly key: string;
    readonly target: PermissionTarget;
    /** The object's id (its name, for apps). */
    readonly id: pulumi.Input<string>;
}

export interface WorkspaceAccessArgs {
    readonly objects: readonly ControlledObject[];
    readonly groups: GroupAccess;
}

/**
 * Group permissions on every workspace object of the stack, one authoritative `databricks.Permissions`
 * per object. A stack without groups (dev) creates none: the deploying user owns everything it created,
 * and nobody else is granted anything.
 */
export class WorkspaceAccess extends pulumi.ComponentResource {
    constructor(name: string, args: WorkspaceAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("payment-analysis:app:WorkspaceAccess", name, {}, opts);
        const keys = args.objects.map((o) => o.key);
        const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
        if (repeated.length > 0) throw new Error(`WorkspaceAccess ${name}: objects listed twice: ${[...new Set(repeated)].join(", ")}`);

        const hasGroups = args.groups.viewerGroups.length + args.groups.managerGroups.length > 0;
        if (hasGroups) {
            for (const object of args.objects) {
                new databricks.Permissions(
                    `${name}-${object.key}`,
                    {
                        [ACCESS_LEVELS[object.target].idInput]: object.id,
                        accessControls: accessControlsFor(object.target, args.groups),
                    },
                    { parent: this },
                );
            }
        }
        this.registerOutputs({});
    }
}
