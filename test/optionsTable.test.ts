import type { INodeProperties, INodeType, IVersionedNodeType } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { optionsCollection } from '../nodes/shared/run/options';
import { loadPackage } from './harness/engine';
import { NODES } from './vendors';

// The Options every node shares, as the editor offers them and as the README documents them.
// Found by mutation testing (run/options.ts, 42 %): the run tests read the options' values but no
// test held the names, ranges and explanations a user sees, nor the README's table of them.

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

/** The README's "Options (all nodes)" table: option display name → its documented default cell. */
function readmeOptions(): Map<string, string> {
	const start = README.indexOf('**Options** (all nodes):');
	expect(start).toBeGreaterThan(-1);
	const lines = README.slice(start).split('\n').slice(2);
	const rows = lines
		.slice(
			2,
			lines.findIndex((line) => !line.startsWith('|')),
		)
		.map((line) => line.split('|').map((cell) => cell.trim()));
	const table = new Map<string, string>();
	for (const [, names, defaults] of rows) {
		const nameList = names.split(' / ');
		const defaultList = defaults.split(' / ');
		nameList.forEach((name, i) => table.set(name, defaultList[nameList.length > 1 ? i : 0]));
	}
	return table;
}

function byName(collection: INodeProperties) {
	return Object.fromEntries((collection.options as INodeProperties[]).map((p) => [p.name, p]));
}

describe('the shared request options', () => {
	const options = byName(optionsCollection(1234));

	it('are offered with their names, defaults and the ranges the editor allows', () => {
		const shape = (name: string) => {
			const { displayName, type, default: value, typeOptions } = options[name];
			return { displayName, type, default: value, typeOptions };
		};
		expect(Object.keys(options).map(shape)).toEqual([
			{
				displayName: 'Concurrency',
				type: 'number',
				default: 3,
				typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
			},
			{
				displayName: 'Max Download Size (MB)',
				type: 'number',
				default: 50,
				typeOptions: { minValue: 1, maxValue: 1024 },
			},
			{
				displayName: 'Max Retries',
				type: 'number',
				default: 2,
				typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
			},
			{
				displayName: 'Max Retry-After Wait (Seconds)',
				type: 'number',
				default: 60,
				typeOptions: { minValue: 0, maxValue: 3600 },
			},
			{
				displayName: 'Retry Delay (Ms)',
				type: 'number',
				default: 500,
				typeOptions: { minValue: 0, maxValue: 60000 },
			},
			{
				displayName: 'Retry Max Delay (Ms)',
				type: 'number',
				default: 8000,
				typeOptions: { minValue: 0, maxValue: 300000 },
			},
			{
				displayName: 'Timeout (Ms)',
				type: 'number',
				default: 1234,
				typeOptions: { minValue: 1000, maxValue: 600000 },
			},
		]);
		expect(Object.keys(options)).toEqual([
			'concurrency',
			'maxDownloadSizeMb',
			'maxRetries',
			'maxRetryAfterSeconds',
			'retryDelayMs',
			'retryMaxDelayMs',
			'timeoutMs',
		]);
	});

	it('each explain what they change', () => {
		const says: Record<string, RegExp> = {
			concurrency: /at the same time\. When the API answers 429/,
			maxDownloadSizeMb: /input URL or generated result.*larger files fail the item/,
			maxRetries: /HTTP 408, 409, 425, 429 or 5xx\. .*never retried/,
			maxRetryAfterSeconds: /Retry-After header.*ends the retries with an error/,
			retryDelayMs: /First wait before a retry; it doubles/,
			retryMaxDelayMs: /Longest wait between two retries/,
			timeoutMs: /one request before it counts as failed/,
		};
		for (const [name, pattern] of Object.entries(says))
			expect({ name, description: options[name].description }).toEqual({
				name,
				description: expect.stringMatching(pattern),
			});
	});

	it('are the ones the README documents, with the same defaults in every node and version', async () => {
		const { nodeTypes } = await loadPackage();
		const documented = readmeOptions();
		expect([...documented.keys()].sort()).toEqual(
			Object.values(options)
				.map((o) => o.displayName)
				.sort(),
		);
		const vendorNames = { novita: 'Novita', freepik: 'Freepik', openai: 'OpenAI' };
		const checked = new Set<string>();
		for (const entry of NODES) {
			const type = nodeTypes.getByName(`n8n-nodes-ai-image.${entry.nodeType}`) as
				INodeType | IVersionedNodeType;
			const versions =
				'nodeVersions' in type ? Object.values(type.nodeVersions) : [type as INodeType];
			for (const version of versions) {
				const collection = version.description.properties.find((p) => p.name === 'options');
				const offered = byName(collection as INodeProperties);
				for (const shared of Object.values(options)) {
					const cell = documented.get(shared.displayName) as string;
					const own = offered[shared.name];
					const expected =
						shared.name === 'timeoutMs'
							? Number(new RegExp(`(\\d+) \\(${vendorNames[entry.vendor]}\\)`).exec(cell)?.[1])
							: Number(cell);
					expect({ node: entry.id, option: own.displayName, default: own.default }).toEqual({
						node: entry.id,
						option: shared.displayName,
						default: expected,
					});
				}
				checked.add(`${entry.nodeType}@${JSON.stringify(version.description.version)}`);
			}
		}
		// Versioned nodes answer every version from one description (version: [1, 2]).
		expect([...checked].sort()).toEqual([
			'freepikReimagineFlux@1',
			'novitaReimagine@[1,2]',
			'novitaReplaceBackground@[1,2]',
			'openAiImageVariation@[1,2]',
		]);
	});
});
