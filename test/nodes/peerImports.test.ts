import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { check } = require('../../scripts/compat/peerImports') as {
	check(
		resolveFrom: string,
		distDir?: string,
	): { problems: string[]; versions: Record<string, string>; modules: string[] };
};

const PACKAGE_DIR = join(__dirname, '..', '..');

/** A folder holding a built file and an n8n-workflow of the given version, with `drop` removed. */
function fixture(
	distSource: string,
	version: string,
	drop: string[] = [],
): { root: string; dist: string } {
	const root = mkdtempSync(join(process.env.N8N_AI_IMAGE_TEST_ROOT ?? tmpdir(), 'peer-'));
	const dist = join(root, 'dist');
	mkdirSync(dist);
	writeFileSync(join(dist, 'node.js'), distSource);
	const peer = join(root, 'node_modules', 'n8n-workflow');
	mkdirSync(peer, { recursive: true });
	writeFileSync(
		join(peer, 'package.json'),
		JSON.stringify({ name: 'n8n-workflow', version, main: 'index.js' }),
	);
	const pinned = require.resolve('n8n-workflow', { paths: [PACKAGE_DIR] });
	writeFileSync(
		join(peer, 'index.js'),
		`const copy = { ...require(${JSON.stringify(pinned)}) };\n${drop.map((n) => `delete copy.${n};`).join('\n')}\nmodule.exports = copy;\n`,
	);
	return { root, dist };
}

describe('runtime imports of dist/ from the peer dependency', () => {
	it('are all exported by the pinned n8n-workflow', () => {
		const result = check(PACKAGE_DIR);
		expect(result.problems).toEqual([]);
		expect(result.versions).toEqual({ 'n8n-workflow': '2.8.0' });
		// Node's crypto is the one other module: the callback signature check (HMAC-SHA256, constant
		// time compare); @n8n/community-nodes' no-restricted-imports allows it on n8n Cloud.
		expect(result.modules).toEqual(['n8n-workflow', 'crypto']);
	});

	it('catch what broke on n8n 2.34: a call of sleepWithAbort, which 2.34 no longer exports', () => {
		// As tsc compiled `import { sleepWithAbort } from 'n8n-workflow'` in the retry loop.
		const old = `"use strict";\nconst n8n_workflow_1 = require("n8n-workflow");\nasync function wait(ms, signal) { await (0, n8n_workflow_1.sleepWithAbort)(ms, signal); }\nthrow new n8n_workflow_1.NodeOperationError();\n`;
		const on233 = fixture(old, '2.33.2');
		expect(check(on233.root, on233.dist).problems).toEqual([]);
		const on234 = fixture(old, '2.34.0', ['sleepWithAbort']);
		expect(check(on234.root, on234.dist).problems).toEqual([
			expect.stringMatching(
				/^n8n-workflow@2\.34\.0 does not export "sleepWithAbort" \(used in .*dist\/node\.js\)$/,
			),
		]);
	});

	it('the built package no longer names sleepWithAbort at all, so it passes on the 2.34 shape', () => {
		const on234 = fixture('', '2.34.0', ['sleepWithAbort']);
		expect(check(on234.root).problems).toEqual([]);
	});

	it('reject a module that is not a peer dependency (a user’s n8n would not install it)', () => {
		const { root, dist } = fixture(
			`const axios_1 = __importDefault(require("axios"));\naxios_1.default.get();\n`,
			'2.8.0',
		);
		expect(check(root, dist).problems).toEqual([
			'dist/ requires "axios", which is not a peer dependency: a user\'s n8n does not install it',
		]);
	});

	it('report a require it cannot read rather than pass it unchecked', () => {
		const { root, dist } = fixture(
			`module.exports = require("n8n-workflow").sleepWithAbort;\n`,
			'2.8.0',
		);
		expect(check(root, dist).problems).toEqual([
			expect.stringMatching(
				/node\.js: require\("n8n-workflow"\) in a form this check cannot read$/,
			),
		]);
	});
});
