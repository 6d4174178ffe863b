// What ships: `npm pack --dry-run` must hold only dist/, README, LICENSE and package.json, and within
// dist/ everything n8n loads: each node and credential named in package.json's n8n section, each
// node's codex file (<Node>.node.json: categories, search), and every icon a node or credential
// references (light and dark). Run by .ci/run after the build.
'use strict';
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { dirname, join, normalize } = require('node:path');

const PACKAGE_DIR = join(__dirname, '..');

function packedFiles() {
	const pack = spawnSync('npm', ['pack', '--dry-run', '--json'], {
		cwd: PACKAGE_DIR,
		encoding: 'utf8',
	});
	if (pack.status !== 0) throw new Error(`npm pack --dry-run failed: ${pack.stderr}`);
	return JSON.parse(pack.stdout)[0].files.map((file) => file.path);
}

/** Everything n8n needs from the package, as paths inside it. */
function requiredFiles() {
	const { n8n } = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8'));
	const required = new Set(['package.json', 'README.md', 'LICENSE']);
	for (const path of [...n8n.nodes, ...n8n.credentials]) {
		required.add(path);
		if (n8n.nodes.includes(path)) required.add(path.replace(/\.js$/, '.json'));
		// Icons are referenced as file:<path relative to the module>.
		const source = readFileSync(join(PACKAGE_DIR, path), 'utf8');
		for (const [, icon] of source.matchAll(/["']file:([^"']+)["']/g))
			required.add(normalize(join(dirname(path), icon)));
	}
	return [...required];
}

function check(files = packedFiles()) {
	const stray = files.filter((file) => !/^(dist\/|README\.md$|LICENSE$|package\.json$)/.test(file));
	const missing = requiredFiles().filter((file) => !files.includes(file));
	return { files, stray, missing };
}

module.exports = { check, requiredFiles };

if (require.main === module) {
	const { files, stray, missing } = check();
	if (stray.length) console.error('unexpected files in the package:', stray);
	if (missing.length) console.error('missing from the package:', missing);
	if (stray.length || missing.length) process.exit(1);
	console.log(
		`package contents ok (${files.length} files, ${requiredFiles().length} required ones present)`,
	);
}
