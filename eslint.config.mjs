import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  { ignores: ["lib/**", "dist/**", "node_modules/**", "coverage/**"] },
  // The plugin's TypeScript block lists .ts but not .tsx: the React components are linted too.
  ...officeAddins.configs.react.map((c) =>
    c.files ? { ...c, files: ["**/*.{js,mjs,cjs,ts,cts,mts,tsx}"] } : c
  ),
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      globals: {
        console: "readonly",
        process: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        window: "readonly",
        document: "readonly",
        navigator: "readonly",
        Office: "readonly",
        Excel: "readonly",
        OfficeExtension: "readonly",
        URL: "readonly",
        Blob: "readonly",
        File: "readonly",
        FileReader: "readonly",
        TextDecoder: "readonly",
        TextEncoder: "readonly",
        performance: "readonly",
        structuredClone: "readonly",
        HTMLElement: "readonly",
        HTMLInputElement: "readonly",
        Intl: "readonly",
      },
    },
    settings: { react: { version: "detect" } },
    rules: {
      "react/react-in-jsx-scope": "off",
      "react/prop-types": "off",
      "no-undef": "off",
    },
  },
];
