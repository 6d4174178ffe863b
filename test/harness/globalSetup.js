// jest globalSetup: one temporary folder for every test file's n8n user folder (binary data
// included); globalTeardown.js removes it when the run ends.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = () => {
	process.env.N8N_AI_IMAGE_TEST_ROOT = mkdtempSync(join(tmpdir(), 'n8n-ai-image-test-'));
};
