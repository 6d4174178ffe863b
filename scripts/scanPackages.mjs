// n8n's verification scanner (@n8n/scan-community-package, the check n8n runs before it verifies a
// package) on the combined package and every vendor package, with its own rule set and inline
// eslint-disable comments ignored, on both legs it lints: the sources at the package's root in this
// repository (what the provenance-attested commit holds: the repository for n8n-nodes-ai-image,
// packages/<name>/ with its linked nodes/ and credentials/ for a vendor package) and the tarball.
// Its first check, npm provenance, can only pass for a package published from GitHub Actions
// (.github/workflows/publish.yml), so it is the one not run here. Run: npm run check:packages.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import fastGlob from 'fast-glob';
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'dist-packages');

function packCombined(into) {
	const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', into], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
	return join(into, JSON.parse(pack.stdout)[0].filename);
}

function extract(tarball, into) {
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', into, '--strip-components=1']);
	if (untar.status !== 0) throw new Error(`Extracting ${tarball} failed: ${untar.stderr}`);
	return into;
}

async function scan(name, sourceDir, tarball, scratch) {
	const sourceFiles = fastGlob.sync(SOURCE_FILE_PATTERNS, { cwd: sourceDir }).length;
	const source = await analyzePackage(sourceDir, SOURCE_FILE_PATTERNS);
	const packageDir = extract(tarball, mkdtempSync(join(scratch, 'package-')));
	const packaged = await analyzePackage(packageDir, ['**/*.js', 'package.json']);
	const passed = source.passed && packaged.passed;
	console.log(
		`${name}: scanner rules ${passed ? 'pass' : 'FAIL'} on its sources (${sourceFiles} files) and its tarball`,
	);
	for (const result of [source, packaged])
		if (!result.passed) console.log(result.message, result.details ?? '');
	return passed;
}

const scratch = mkdtempSync(join(tmpdir(), 'n8n-ai-image-scan-'));
try {
	const combined = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	const results = [await scan(combined.name, ROOT, packCombined(scratch), scratch)];
	for (const name of readdirSync(join(ROOT, 'packages')).sort()) {
		const { version } = JSON.parse(
			readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8'),
		);
		const tarball = join(OUT_DIR, `${name}-${version}.tgz`);
		results.push(await scan(name, join(ROOT, 'packages', name), tarball, scratch));
	}
	if (results.includes(false)) process.exitCode = 1;
} finally {
	rmSync(scratch, { recursive: true, force: true });
}
