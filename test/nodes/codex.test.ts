import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_DIR } from '../harness/engine';

// n8n's nodes panel treats a node in the "AI" category as a cluster sub-node (hidden from the
// regular search) unless its AI subcategories mark it like n8n's own vendor nodes (OpenAI,
// Anthropic): "Agents" / "Root Nodes". The editor test shows it; this checks it cheaply.
// Each vendor folder (nodes/<Vendor>/) holds its nodes' codex files beside them.
const codexFiles = readdirSync(join(PACKAGE_DIR, 'nodes'))
	.filter((dir) => dir !== 'shared')
	.flatMap((dir) =>
		readdirSync(join(PACKAGE_DIR, 'nodes', dir))
			.filter((file) => file.endsWith('.node.json'))
			.map((file) => join(PACKAGE_DIR, 'nodes', dir, file)),
	);

describe('codex files', () => {
	it('are found, one per node', () => {
		expect(codexFiles.map((file) => file.split(/[\\/]/).slice(-2).join('/'))).toEqual([
			'Freepik/FreepikReimagineFlux.node.json',
			'Novita/NovitaReimagine.node.json',
			'Novita/NovitaReplaceBackground.node.json',
			'OpenAi/OpenAiImageVariation.node.json',
		]);
	});

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
