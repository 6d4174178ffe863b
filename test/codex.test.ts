import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_DIR } from './harness/engine';

// n8n's nodes panel treats a node in the "AI" category as a cluster sub-node (hidden from the
// regular search) unless its AI subcategories mark it like n8n's own vendor nodes (OpenAI,
// Anthropic): "Agents" / "Root Nodes". Found by the editor test; this guards it cheaply.
const codexFiles = readdirSync(join(PACKAGE_DIR, 'nodes'))
	.map((dir) => join(PACKAGE_DIR, 'nodes', dir, `${dir}.node.json`))
	.filter((file) => !file.includes(`${join('nodes', 'shared')}`));

describe('codex files', () => {
	it.each(codexFiles)('%s keeps the node in the regular nodes panel search', (file) => {
		const codex = JSON.parse(readFileSync(file, 'utf8')) as {
			categories: string[];
			subcategories?: Record<string, string[]>;
		};
		if (codex.categories.includes('AI')) {
			expect(codex.subcategories?.AI).toEqual(expect.arrayContaining(['Agents', 'Root Nodes']));
		}
		expect(codex.categories.length).toBeGreaterThan(0);
	});
});
