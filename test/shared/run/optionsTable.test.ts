import type { INodeProperties, INodeType, IVersionedNodeType } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { optionsCollection } from '../../../nodes/shared/run/options';
import { optionProperty } from '../../../nodes/shared/run/optionSpecs';
import { loadPackage } from '../../harness/engine';
import { NODES } from '../../vendors';

// The Options every node shares, as the editor offers them and as the README documents them.
// The names, ranges and explanations of the options a user sees, and the README's table of them
// (the run tests read only their values).

const README = readFileSync(
	join(__dirname, '..', '..', '..', 'docs', 'nodes', 'common.md'),
	'utf8',
);

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
	// Built inside each test, not when the file loads: Stryker credits code run outside a test to no
	// test, and then tries its mutants only against the tests that read option values in a run.
	let options: Record<string, INodeProperties>;
	beforeEach(() => {
		options = byName(optionsCollection(1234));
	});

	it('are offered with their names, defaults and the ranges the editor allows', () => {
		// name, display name, default, [min, max], whole numbers only
		const expected: Array<[string, string, number, [number, number], boolean?]> = [
			['concurrency', 'Concurrency', 3, [1, 100], true],
			['maxDownloadSizeMb', 'Max Download Size (MB)', 50, [1, 1024]],
			['maxRetries', 'Max Retries', 2, [0, 10], true],
			['maxRetryAfterSeconds', 'Max Retry-After Wait (Seconds)', 60, [0, 3600]],
			['retryDelayMs', 'Retry Delay (Ms)', 500, [0, 60000]],
			['retryMaxDelayMs', 'Retry Max Delay (Ms)', 8000, [0, 300000]],
			['timeoutMs', 'Timeout (Ms)', 1234, [1000, 600000]],
		];
		expect(options.resendPaidRequests).toMatchObject({
			displayName: 'Resend Paid Requests',
			type: 'boolean',
			default: false,
		});
		expect(
			Object.values(options)
				.filter((option) => option.type === 'number')
				.map(({ name, displayName, type, default: value, typeOptions }) => ({
					name,
					displayName,
					type,
					default: value,
					typeOptions,
				})),
		).toEqual(
			expected.map(([name, displayName, value, [minValue, maxValue], whole]) => ({
				name,
				displayName,
				type: 'number',
				default: value,
				typeOptions: { minValue, maxValue, ...(whole ? { numberPrecision: 0 } : {}) },
			})),
		);
	});

	it('each explain what they change', () => {
		const says: Record<string, RegExp> = {
			concurrency: /at the same time\. When the API answers 429/,
			maxDownloadSizeMb: /input URL or generated result.*larger files fail the item/,
			maxRetries:
				/HTTP 408, 409, 425, 429 or 5xx\. A paid request .* is resent only when it cannot have been taken .*never retried/,
			resendPaidRequests:
				/leaves open whether the vendor took it and charged for it.*Off: the item fails and says so, and nothing is paid twice/,
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
							: shared.type === 'boolean'
								? cell === 'true'
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

describe('the Options collection', () => {
	it('is an "Add Option" collection, sorted by display name with the node’s own options among the shared ones', () => {
		const collection = optionsCollection(1234, {
			aspect: {
				type: 'boolean',
				displayName: 'Zoom Out',
				default: false,
				description: 'A node option named last',
			},
			zeta: {
				type: 'number',
				displayName: 'Area',
				default: 1,
				min: 0,
				max: 2,
				description: 'A node option named first',
			},
		});
		const { options, ...rest } = collection;
		expect(rest).toEqual({
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
		});
		expect((options as INodeProperties[]).map((o) => o.displayName)).toEqual([
			'Area',
			'Concurrency',
			'Max Download Size (MB)',
			'Max Retries',
			'Max Retry-After Wait (Seconds)',
			'Resend Paid Requests',
			'Retry Delay (Ms)',
			'Retry Max Delay (Ms)',
			'Timeout (Ms)',
			'Zoom Out',
		]);
	});

	// The shared options are all numbers shown everywhere; a node's own switch, dropdown or option
	// of one API mode is built here and its property looked at.
	it('builds a switch, a dropdown, and an option shown only in one mode', () => {
		expect(
			optionProperty('zoomOut', {
				type: 'boolean',
				displayName: 'Zoom Out',
				default: true,
				description: 'd',
			}),
		).toStrictEqual({
			displayName: 'Zoom Out',
			name: 'zoomOut',
			description: 'd',
			type: 'boolean',
			default: true,
		});
		expect(
			optionProperty('quality', {
				type: 'options',
				displayName: 'Quality',
				choices: [
					['Auto', 'auto'],
					['High', 'high', 'Slowest'],
				],
				default: 'auto',
				description: 'd',
				showWhen: { api: ['edits'], model: ['a', 'b'] },
			}),
		).toStrictEqual({
			displayName: 'Quality',
			name: 'quality',
			description: 'd',
			// Inside a collection, "/" names the node's parameter, not a sibling option.
			displayOptions: { show: { '/api': ['edits'], '/model': ['a', 'b'] } },
			type: 'options',
			options: [
				{ name: 'Auto', value: 'auto' },
				{ name: 'High', value: 'high', description: 'Slowest' },
			],
			default: 'auto',
		});
	});
});
