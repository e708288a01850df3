import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["dist/", "release/", "node_modules/", "test-results/", "bench/results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src-renderer/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Shared code runs anywhere: it may not import Node built-ins, Electron or the DOM's React.
    files: ["src-shared/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "node:*",
            "electron",
            "react",
            "react-dom",
            "ioredis",
            "../src-main/*",
            "../src-renderer/*",
          ],
        },
      ],
    },
  },
  {
    // Electron is imported only at the edge, in src-main/electron.
    files: ["src-main/**/*.ts", "src-renderer/**/*.{ts,tsx}", "src-shared/**/*.ts"],
    ignores: ["src-main/electron/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "electron", message: "Import electron only in src-main/electron/." }] },
      ],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
