import { ResourceValidationPolicy } from "@pulumi/policy";
import { noPlaintextCredentials } from "./no-plaintext-credentials";
import { prodBudgetPolicy } from "./prod-budget-policy";
import { prodPipelineNotDevelopment } from "./prod-no-development-mode";
import { prodJobRunAsServicePrincipal, prodPipelineRunAsServicePrincipal } from "./prod-run-as-service-principal";
import { prodStatefulProtected } from "./prod-stateful-protected";
import { requiredTags } from "./required-tags";
import { servingAiGateway } from "./serving-ai-gateway";
import { servingScaleToZero } from "./serving-scale-to-zero";
import { warehouseAutoStop } from "./warehouse-auto-stop";

// Kept apart from index.ts because constructing a PolicyPack starts the
// analyzer's gRPC server; tests import the policies from here.
export const policies: readonly ResourceValidationPolicy[] = [
    warehouseAutoStop,
    servingAiGateway,
    servingScaleToZero,
    requiredTags,
    prodJobRunAsServicePrincipal,
    prodPipelineRunAsServicePrincipal,
    prodPipelineNotDevelopment,
    noPlaintextCredentials,
    prodStatefulProtected,
    prodBudgetPolicy,
];
