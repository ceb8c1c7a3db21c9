/**
 * The e2e project's test runner: Jest's own (jest-circus), except that the tests of a file run
 * in the order they are written even when the run is randomized (`jest --randomize`). Each e2e
 * file is one scenario on real stacks whose tests are its steps (up, then an edit, a refresh,
 * a destroy), so their order is their meaning; the files are independent of each other and run
 * in any order. The unit project keeps Jest's runner as it is, and --randomize shuffles its tests.
 */
"use strict";
const circusRunner = require("jest-circus/runner").default;

module.exports = (globalConfig, ...rest) => circusRunner({ ...globalConfig, randomize: false }, ...rest);
