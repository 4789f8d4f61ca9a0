/**
 * The stack file of a pull request's review stack `pr-<n>`: dev's kind of environment, a schema of its own,
 * and, when the workspace keeps one for review stacks, the shared Lakebase project (the stack gets a branch
 * of its own in it). Everything else comes
 * from Pulumi.yaml's defaults, exactly as for a stack a person creates.
 */
import { stringify } from "yaml";
import { parseConfig, PROJECT } from "../../components/config";

export function reviewStackName(pr: number): string {
    return `pr-${pr}`;
}

/** The stack file's `config:` map; validated by the program's own rules before anyone deploys it. */
export function reviewStackConfig(pr: number, sharedProject?: string): Record<string, string> {
    if (!Number.isSafeInteger(pr) || pr <= 0) throw new Error(`review-stack: a pull request number is a positive integer, got ${pr}`);
    const own: Record<string, string> = {
        environment: "dev",
        schema: `payment_analysis_pr_${pr}`,
        ...(sharedProject ? { lakebaseSharedProject: sharedProject } : {}),
    };
    parseConfig(own, reviewStackName(pr));
    return Object.fromEntries(Object.entries(own).map(([key, value]) => [`${PROJECT}:${key}`, value]));
}

export function reviewStackFile(pr: number, sharedProject?: string): string {
    return `# Review stack of pull request #${pr}, written by \`npm run review-stack\`; destroyed when the pull request closes.\n${stringify({ config: reviewStackConfig(pr, sharedProject) })}`;
}
