// Lint for the program, its checks, scripts, policies and tests. Type-checking itself is `tsc` (npm run typecheck).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/**", "app/client/dist/**", ".tmp/**", ".venv-spark/**", "notebooks/**", "test/golden/**", "plans/**"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            "@typescript-eslint/no-require-imports": "off",
            "no-empty": ["error", { allowEmptyCatch: false }],
            eqeqeq: ["error", "always"],
            "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
        },
    },
);
