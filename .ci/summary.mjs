// Prints vitest's JSON report as the plain closing line CI reads: `N passed, N failed[, N skipped]`.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? '.tmp/test-results.json', 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
// A suite that failed to load has no failed tests but must still count as a failure.
const brokenFiles = report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.every((t) => t.status !== 'failed')).length;
const failed = report.numFailedTests + brokenFiles;
console.log(`${report.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
