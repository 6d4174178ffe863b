// `npm run test:compat [entry …]`: on every n8n of the matrix (scripts/compat/matrix.json), under its
// own Node.js: install it if it is not cached in its folder, check dist/'s runtime imports against its
// own n8n-workflow, and run the CLI end-to-end suite (and the waiting-for-callbacks suite on `n8n
// start`) with the package installed as n8n installs it:
// the combined package (and it beside the vendor packages), then each vendor package of
// `npm run pack:vendors` from its own tarball alone.
// Writes the compatibility table into README.md; exits 1 if any entry fails. With `--prune` (CI), each
// entry is installed with a throwaway npm cache and removed after its run: installed together, the
// matrix and its downloads take over 7 GB, more than a CI machine's disk has had free.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { N8nRuntime } from '../realN8n';
import { ensureN8n, MATRIX, nodeBin, PACKAGE_DIR, removeN8n, vendorInstallables } from '../realN8n';

interface SuiteResult {
	passed: number;
	failed: number;
	seconds: number;
}

interface EntryResult {
	runtime: N8nRuntime;
	nodeVersion: string;
	workflowVersion: string;
	installSeconds: number;
	importCheck: string;
	/** The combined package: the CLI suite, and the test of it beside the vendor packages. */
	combined: SuiteResult;
	/** Each vendor package from its own tarball alone: the CLI suite's tests of its nodes. */
	vendors: Array<SuiteResult & { name: string }>;
}

const seconds = (since: number) => Math.round((Date.now() - since) / 1000);

function n8nWorkflowVersion(runtime: N8nRuntime): string {
	const n8nDir = dirname(require.resolve('n8n/package.json', { paths: [runtime.dir] }));
	const manifest = require.resolve('n8n-workflow/package.json', { paths: [n8nDir] });
	return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function install(runtime: N8nRuntime, prune: boolean): void {
	if (!prune) return ensureN8n(runtime);
	const cache = mkdtempSync(join(tmpdir(), 'n8n-ai-image-npm-cache-'));
	const previous = process.env.npm_config_cache;
	process.env.npm_config_cache = cache;
	try {
		ensureN8n(runtime);
	} finally {
		if (previous === undefined) delete process.env.npm_config_cache;
		else process.env.npm_config_cache = previous;
		rmSync(cache, { recursive: true, force: true });
	}
}

function runEntry(runtime: N8nRuntime, prune: boolean): EntryResult {
	console.log(`\n== ${runtime.name}: n8n ${runtime.n8nVersion} on Node ${runtime.nodeMajor}`);
	const installStarted = Date.now();
	install(runtime, prune);
	const installSeconds = seconds(installStarted);
	try {
		return testEntry(runtime, installSeconds);
	} finally {
		if (prune) removeN8n(runtime);
	}
}

function testEntry(runtime: N8nRuntime, installSeconds: number): EntryResult {
	const node = nodeBin(runtime);
	const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();

	// Under that n8n's Node, against the n8n-workflow n8n itself resolves.
	const n8nDir = dirname(require.resolve('n8n/package.json', { paths: [runtime.dir] }));
	const check = spawnSync(node, [join(__dirname, 'peerImports.js'), n8nDir], { encoding: 'utf8' });
	process.stdout.write(check.stdout + check.stderr);

	return {
		runtime,
		nodeVersion,
		workflowVersion: n8nWorkflowVersion(runtime),
		installSeconds,
		importCheck: check.status === 0 ? 'ok' : 'FAILED',
		combined: runSuite(runtime, [
			'test/e2e/cli.e2e.ts',
			'test/e2e/packagesTogether.e2e.ts',
			// `n8n start` waiting for Magnific's callbacks (Completion "Wait for Webhook").
			'test/e2e/webhookResume.e2e.ts',
		]),
		vendors: vendorInstallables().map((pkg) => ({
			name: pkg.name,
			...runSuite(runtime, ['test/e2e/cli.e2e.ts'], pkg.name),
		})),
	};
}

/** Runs real-n8n suites on one n8n of the matrix, with the package N8N_PACKAGE names installed. */
function runSuite(runtime: N8nRuntime, files: string[], packageName?: string): SuiteResult {
	const report = join(mkdtempSync(join(tmpdir(), 'n8n-ai-image-compat-')), 'jest.json');
	const started = Date.now();
	spawnSync(
		'npx',
		['jest', '-c', 'jest.e2e.config.js', ...files, '--json', `--outputFile=${report}`],
		{
			cwd: PACKAGE_DIR,
			env: { ...process.env, N8N_RUNTIME: runtime.name, N8N_PACKAGE: packageName ?? '' },
			stdio: 'inherit',
		},
	);
	const result: SuiteResult = { passed: 0, failed: 1, seconds: seconds(started) };
	try {
		const results = JSON.parse(readFileSync(report, 'utf8')) as {
			numPassedTests: number;
			numFailedTests: number;
			numTotalTests: number;
		};
		result.passed = results.numPassedTests;
		result.failed = results.numFailedTests + (results.numTotalTests === 0 ? 1 : 0);
	} catch {
		console.error(
			`No jest report for ${runtime.name} (${files.join(', ')}): the suite did not run.`,
		);
	}
	rmSync(dirname(report), { recursive: true, force: true });
	return result;
}

const failures = (r: EntryResult) =>
	r.combined.failed + r.vendors.reduce((sum, vendor) => sum + vendor.failed, 0);

const outcome = ({ passed, failed }: SuiteResult) =>
	failed === 0 ? `${passed} passed` : `**${failed} failed**, ${passed} passed`;

function table(results: EntryResult[]): string {
	const rows = results.map((r) => {
		const vendors = r.vendors
			.map((vendor) => `${vendor.name} ${outcome(vendor)} (${vendor.seconds} s)`)
			.join(', ');
		const also =
			r.runtime.name === MATRIX[0].name
				? '; also in-process engine (`npm test`) and editor in Chromium (`npm run test:ui`)'
				: '';
		return `| ${r.runtime.n8nVersion} | ${r.workflowVersion} | ${r.nodeVersion} | CLI end-to-end, packed install (${outcome(r.combined)}, ${r.combined.seconds} s); each vendor package from its own tarball: ${vendors}; runtime imports ${r.importCheck}${also} | ${r.installSeconds < 5 ? 'cached' : `${r.installSeconds} s`} |`;
	});
	return [
		'| n8n | its n8n-workflow | Node | tested how (last run) | install |',
		'| --- | --- | --- | --- | --- |',
		...rows,
	].join('\n');
}

const START = '<!-- compat-table:start (written by npm run test:compat) -->';
const END = '<!-- compat-table:end -->';

function writeReadme(results: EntryResult[]): void {
	const path = join(PACKAGE_DIR, 'README.md');
	const readme = readFileSync(path, 'utf8');
	const from = readme.indexOf(START);
	const to = readme.indexOf(END);
	if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} block`);
	writeFileSync(
		path,
		`${readme.slice(0, from + START.length)}\n${table(results)}\n${readme.slice(to)}`,
	);
}

const prune = process.argv.includes('--prune');
const wanted = process.argv.slice(2).filter((arg) => arg !== '--prune');
const entries = wanted.length ? MATRIX.filter((entry) => wanted.includes(entry.name)) : MATRIX;
if (entries.length === 0)
	throw new Error(
		`No matrix entry named ${wanted.join(', ')} (${MATRIX.map((e) => e.name).join(', ')})`,
	);
const started = Date.now();
const results = entries.map((entry) => runEntry(entry, prune));
console.log(`\nCompatibility matrix (${seconds(started)} s):\n${table(results)}`);
if (entries.length === MATRIX.length) writeReadme(results);
const failed = results.filter((r) => failures(r) > 0 || r.importCheck !== 'ok');
if (failed.length) {
	console.error(`Failed on: ${failed.map((r) => `n8n ${r.runtime.n8nVersion}`).join(', ')}`);
	process.exit(1);
}
