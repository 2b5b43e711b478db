import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import officeAddins from "eslint-plugin-office-addins";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "lib/", "coverage/", "test-artifacts/", "test/support/*.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        ...globals.browser,
        ...globals.node,
        Office: "readonly",
        Excel: "readonly",
        CustomFunctions: "readonly",
        OfficeExtension: "readonly",
      },
    },
    rules: {
      "no-throw-literal": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Microsoft's Office.js rules (eslint-plugin-office-addins), all as errors, on every TypeScript
    // file; the exceptions below say why each one is off where it is.
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  {
    // The Office.js adapter. Its loops sync once per CHUNK of rows on purpose — that is the chunking
    // that keeps each request under Office's 5 MB limit (round trips grow with rows / chunk, never
    // with rows; test/bench/office.bench.ts counts them) — and one loop re-asks a chunk with half the
    // rows when Excel answers that the response is too large.
    // The two load rules are name-based: they flag `selection.worksheet` (a navigation property,
    // which needs no load) and `tables.items` after `tables.load("items/name")`. The fake Excel the
    // adapter is tested on (test/workbook/officeMock.ts) refuses every read of a property that was
    // not loaded and synced, at run time, which checks the same rule without false alarms.
    files: ["src/workbook/officeWorkbook.ts"],
    rules: {
      "office-addins/no-context-sync-in-loop": "off",
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
    },
  },
  {
    // exceljs code: its Cell API shares names with Office.js (`getCell`, `.value`, `.address`), so the
    // name-based load rules take exceljs cells for Office.js proxies. No Office.js is used here.
    files: [
      "src/cli/**/*.ts",
      "src/workbook/fileWorkbook.ts",
      "src/workbook/xlsx*.ts",
      "test/bench/files.bench.ts",
      "test/cli/**/*.ts",
      "test/workbook/xlsx*.ts",
    ],
    rules: {
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
