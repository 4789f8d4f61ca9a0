import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("payment-analysis", {
    description: "Guardrails for the Payment Analysis Databricks deployment.",
    enforcementLevel: "mandatory",
    policies: [...policies],
});
