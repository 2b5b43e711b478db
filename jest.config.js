/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      { tsconfig: { module: "commonjs", moduleResolution: "node", jsx: "react-jsx", isolatedModules: true } },
    ],
  },
  moduleNameMapper: {
    "^strip-bom$": "<rootDir>/test/support/strip-bom.js",
    "^uuid$": "<rootDir>/test/support/uuid.js",
  },
  globalSetup: "<rootDir>/test/support/globalSetup.js",
  setupFilesAfterEnv: ["<rootDir>/test/support/matchers.ts"],
  testTimeout: 30000,
};
