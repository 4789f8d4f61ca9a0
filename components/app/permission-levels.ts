/**
 * Workspace objects name their permission levels differently. The original granted CAN_VIEW to analysts
 * and CAN_MANAGE to engineers everywhere; this maps those two intents onto each object's real levels.
 */
export type PermissionTarget = "job" | "pipeline" | "dashboard" | "warehouse" | "servingEndpoint" | "app" | "directory";

export interface AccessLevels {
    /** Read-only use: see runs and results, open dashboards, use the app. */
    readonly view: string;
    readonly manage: string;
    /** The `databricks.Permissions` input that identifies an object of this kind. */
    readonly idInput: "jobId" | "pipelineId" | "dashboardId" | "sqlEndpointId" | "servingEndpointId" | "appName" | "directoryPath";
}

export const ACCESS_LEVELS: Readonly<Record<PermissionTarget, AccessLevels>> = {
    job: { view: "CAN_VIEW", manage: "CAN_MANAGE", idInput: "jobId" },
    pipeline: { view: "CAN_VIEW", manage: "CAN_MANAGE", idInput: "pipelineId" },
    // Lakeview dashboards have no CAN_VIEW; CAN_READ is their read-only level.
    dashboard: { view: "CAN_READ", manage: "CAN_MANAGE", idInput: "dashboardId" },
    // A warehouse is useless to an analyst who cannot run queries on it, so "view" means CAN_USE.
    warehouse: { view: "CAN_USE", manage: "CAN_MANAGE", idInput: "sqlEndpointId" },
    servingEndpoint: { view: "CAN_VIEW", manage: "CAN_MANAGE", idInput: "servingEndpointId" },
    app: { view: "CAN_USE", manage: "CAN_MANAGE", idInput: "appName" },
    // The stack's folder holds the code jobs run (as the prod service principal): only managers may change it.
    directory: { view: "CAN_READ", manage: "CAN_MANAGE", idInput: "directoryPath" },
};

export interface GroupAccess {
    readonly viewerGroups: readonly string[];
    readonly managerGroups: readonly string[];
}

/** Access control entries for one object: managers win when a group is in both lists. */
export function accessControlsFor(target: PermissionTarget, groups: GroupAccess): Array<{ groupName: string; permissionLevel: string }> {
    const levels = ACCESS_LEVELS[target];
    const managers = new Set(groups.managerGroups);
    const viewers = groups.viewerGroups.filter((group) => !managers.has(group));
    return [
        ...[...viewers].sort().map((groupName) => ({ groupName, permissionLevel: levels.view })),
        ...[...managers].sort().map((groupName) => ({ groupName, permissionLevel: levels.manage })),
    ];
}
