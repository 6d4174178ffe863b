// The real-n8n suites (`npm run test:e2e`, `npm run test:ui`): slower, one at a time, not part of `npm test`.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	testMatch: ['**/*.e2e.ts'],
	setupFiles: [],
	// n8n's default ports are held during these suites: they must pass beside a running n8n.
	globalSetup: '<rootDir>/test/harness/e2eGlobalSetup.js',
	globalTeardown: '<rootDir>/test/harness/e2eGlobalTeardown.js',
	testTimeout: 180000,
	maxWorkers: 1,
};
