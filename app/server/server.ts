/** The app's entry point: AppKit's server (static UI, /health) with the pages' API mounted under /api/app. */
import { createApp, server } from "@databricks/appkit";
import { mountApi } from "./http";
import { wire } from "./wiring";

const log = (line: string) => console.error(`[payment-analysis] ${line}`);

async function main(): Promise<void> {
    const { deps } = await wire(process.env, log);
    await createApp({
        // The API takes small JSON bodies only; AppKit parses them for every route.
        plugins: [server({ bodyLimit: "64kb" })],
        onPluginsReady(appkit) {
            appkit.server.extend((app) => {
                mountApi(app, deps);
            });
        },
    });
}

main().catch((error: Error) => {
    // A start-up failure (a missing binding, an unreachable database) names its cause and stops the app,
    // so the deployment reports it instead of serving pages that cannot work.
    log(`the app did not start: ${error.message}`);
    process.exit(1);
});
