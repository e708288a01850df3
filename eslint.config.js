import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["dist/", "release/", "node_modules/", "test-results/", "bench/results/", ".tmp/"] },
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
    // Shared code runs anywhere: no Node built-ins, Electron, React, Redis, nor main or renderer code.
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
            "**/src-main/**",
            "**/src-renderer/**",
          ],
        },
      ],
    },
  },
  {
    // The renderer is a web page: it reaches the main process only through the contract.
    files: ["src-renderer/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "electron", "ioredis", "**/src-main/**"] }],
    },
  },
  {
    // Electron is imported only at the edge, in src-main/electron.
    files: ["src-main/**/*.ts"],
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
