import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeType } from 'n8n-workflow';

import { loadPackage, PACKAGE_DIR, PACKAGE_NAME } from '../harness/engine';
import { NODES } from '../vendors';

const dir = join(PACKAGE_DIR, 'examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('example workflows', () => {
	it('has one per node', () => {
		expect(files.sort()).toEqual(NODES.map((node) => node.example).sort());
	});

	it.each(files)(
		'%s uses a real node of this package, known parameters and a credential by name only',
		async (file) => {
			const { nodeTypes } = await loadPackage();
			const text = readFileSync(join(dir, file), 'utf8');
			const workflow = JSON.parse(text) as {
				id: string;
				nodes: Array<{
					type: string;
					parameters: Record<string, unknown>;
					credentials?: Record<string, { id: string; name: string }>;
				}>;
			};
			expect(workflow.id).toBeTruthy();
			const ours = workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE_NAME}.`));
			expect(ours).toHaveLength(1);
			const type = nodeTypes.getByName(ours[0].type) as INodeType;
			const known = new Set(type.description.properties.map((p) => p.name));
			for (const name of Object.keys(ours[0].parameters)) expect(known).toContain(name);
			const [credentialType] = Object.keys(ours[0].credentials ?? {});
			expect(type.description.credentials?.map((c) => c.name)).toContain(credentialType);
			expect(Object.keys(ours[0].credentials![credentialType]).sort()).toEqual(['id', 'name']);
			expect(text).not.toMatch(/apiKey|Bearer|sk-/);
		},
	);
});
