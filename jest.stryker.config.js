// jest as Stryker runs it (stryker.config.json): the unit-test config, with the quickest test files
// first and the rest of a mutant's run skipped after its first failing test (see the two files).
// Absolute paths: Stryker wraps the test environment and resolves its name itself, without <rootDir>.
const { join } = require('node:path');
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	testEnvironment: join(__dirname, 'test/harness/mutationBailEnvironment.js'),
	testSequencer: join(__dirname, 'test/harness/mutationSequencer.js'),
};
