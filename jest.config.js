/**
 * Two projects, one run (`npm test` runs both; `npx jest --selectProjects unit` or `npm run
 * test:unit` only the first):
 *   - unit: everything under test/ but test/e2e/, and the bench's own tests (tools/bench/test/): no
 *     Pulumi CLI and so no Go. A suite that reaches for the CLI fails at once (tools/pulumi-cli is
 *     replaced by test/support/no-pulumi-cli.js); it belongs under test/e2e/.
 *   - e2e: test/e2e/, the suites that run the real Pulumi CLI (found on PATH, or built into
 *     .tools/ by `npm test`). Each file is one scenario whose tests are its steps: they run in the
 *     order written (test/support/in-written-order-runner.js), also under --randomize.
 * `npm test` and `npm run test:unit` run with --randomize: the unit tests of each file in a random
 * order, the seed printed at the end (replay a failure with `--seed=<seed>`).
 * TypeScript is transpiled by ts-jest; type checking is done once by `tsc -p tsconfig.json`.
 */
const shared = {
  testEnvironment: "node",
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: "unit",
      roots: ["<rootDir>/test", "<rootDir>/tools/bench"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
      moduleNameMapper: { "(^|/)tools/pulumi-cli(/index)?(\\.js)?$": "<rootDir>/test/support/no-pulumi-cli.js", "^\\.\\./pulumi-cli$": "<rootDir>/test/support/no-pulumi-cli.js" },
    },
    {
      ...shared,
      displayName: "e2e",
      roots: ["<rootDir>/test/e2e"],
      testRunner: "<rootDir>/test/support/in-written-order-runner.js",
    },
  ],
  // A global option: Jest does not read it from a project.
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
};
