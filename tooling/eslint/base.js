// Shared lint rules for every package: typed TypeScript, type-only imports, no non-null
// assertions, env read only through env.ts, and the layering the architecture promises.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Imports a package at the bottom of the stack must never reach for. */
export const layering = {
  // db and geo know nothing of tRPC or the domain services above them.
  db: [
    "@lastmile/api",
    "@lastmile/api/*",
    "@lastmile/core",
    "@lastmile/core/*",
    "@lastmile/geo",
    "@lastmile/geo/*",
  ],
  geo: ["@lastmile/api", "@lastmile/api/*", "@lastmile/core", "@lastmile/core/*"],
  core: ["@lastmile/api", "@lastmile/api/*"],
};

/** @param {string[]} patterns */
export const restrictImports = (patterns) => ({
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: patterns, message: "This import breaks the package layering (see STYLE.md)." },
        ],
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      "**/.next/**",
      "**/dist/**",
      "**/node_modules/**",
      "**/.cache/**",
      "**/*.config.*",
      "**/migrations/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "separate-type-imports" },
      ],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-misused-promises": [
        "error",
        { checksVoidReturn: { attributes: false } },
      ],
      "@typescript-eslint/no-floating-promises": "error",
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@lastmile/*/src/*"],
              message: "Import a package through its exports, not its src.",
            },
            {
              group: [
                "**/apps/*",
                "@lastmile/customer",
                "@lastmile/merchant",
                "@lastmile/courier",
                "@lastmile/admin",
              ],
              message: "Packages and apps never import an app.",
            },
          ],
        },
      ],
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read configuration through the package's env.ts.",
        },
      ],
    },
  },
  {
    // env.ts files are where configuration comes in; scripts and tests may set it.
    files: ["**/env.ts", "**/*.test.ts", "**/scripts/**", "**/test/**", "**/bench/**", "**/e2e/**"],
    rules: { "no-restricted-properties": "off" },
  },
);
