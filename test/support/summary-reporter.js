/**
 * Prints one closing line that CI reads whatever the runner: "tests: N passed, N failed".
 * Jest's own summary stays as it is (the default reporter runs too).
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed` + (skipped > 0 ? `, ${skipped} skipped` : "");
    process.stderr.write(`\n${line}\n`);
  }
}
module.exports = SummaryReporter;
