/** The app's shell: one page per hash route, so every page has its own URL (`#/rules`, `#/setup`, ...). */
import { useEffect, useState } from "react";
import { AskPage } from "./pages/Ask";
import { DashboardPage } from "./pages/Dashboard";
import { DecisioningPage } from "./pages/Decisioning";
import { ModelsPage } from "./pages/Models";
import { RulesPage } from "./pages/Rules";
import { SetupPage } from "./pages/Setup";

export const PAGES = [
    { path: "dashboard", title: "Dashboard", Page: DashboardPage },
    { path: "rules", title: "Rules", Page: RulesPage },
    { path: "decisioning", title: "Decisioning", Page: DecisioningPage },
    { path: "models", title: "ML Models", Page: ModelsPage },
    { path: "setup", title: "Setup & Run", Page: SetupPage },
    { path: "ask", title: "Ask", Page: AskPage },
] as const;

function currentPath(): string {
    const path = window.location.hash.replace(/^#\/?/, "");
    return PAGES.some((p) => p.path === path) ? path : "dashboard";
}

export function App() {
    const [path, setPath] = useState(currentPath);
    useEffect(() => {
        const onHash = () => setPath(currentPath());
        window.addEventListener("hashchange", onHash);
        return () => window.removeEventListener("hashchange", onHash);
    }, []);
    const page = PAGES.find((p) => p.path === path) ?? PAGES[0];
    return (
        <div className="min-h-screen bg-background text-foreground">
            <header className="border-b px-6 py-3 flex items-center gap-6">
                <span className="font-semibold">Payment Analysis</span>
                <nav className="flex gap-4 text-sm">
                    {PAGES.map((p) => (
                        <a key={p.path} href={`#/${p.path}`} aria-current={p.path === path ? "page" : undefined} className={p.path === path ? "font-semibold underline" : "text-muted-foreground hover:underline"}>
                            {p.title}
                        </a>
                    ))}
                </nav>
            </header>
            <main className="p-6 max-w-7xl mx-auto">
                <h1 className="text-2xl font-bold mb-4">{page.title}</h1>
                <page.Page />
            </main>
        </div>
    );
}
