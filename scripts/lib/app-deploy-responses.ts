/** The parts of Apps API responses the deployer reads, validated so a malformed answer names its bad field. */
import { z } from "zod";

const statusOf = z.object({ state: z.string(), message: z.string().optional() });

export const appResponse = z.object({
    name: z.string(),
    // Absent until the workspace has assigned one; the deployer reads it again after the deployment.
    url: z.string().min(1).optional(),
    compute_status: statusOf,
});
export type AppResponse = z.infer<typeof appResponse>;

export const createdDeployment = z.object({
    deployment_id: z.string().min(1),
    status: statusOf.optional(),
});

export const deploymentResponse = z.object({
    deployment_id: z.string().min(1),
    status: statusOf,
});
