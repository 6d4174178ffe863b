// What ships, for the combined package (the repository) and each vendor package staged by
// `npm run pack:vendors` (dist-packages/<name>/): `npm pack --dry-run` must hold only dist/, README,
// LICENSE and package.json, and within dist/ everything n8n loads: each node and credential named in
// package.json's n8n section, each node's codex file (<Node>.node.json: categories, search), and
// every icon a node or credential references (light and dark); and every require() of its code must
// be a file of the package, n8n-workflow or one of Node's own modules, so the package loads alone.
// Run by .ci/run after the build and the pack.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { builtinModules } = require('node:module');
const { dirname, join, normalize } = require('node:path');

const PACKAGE_DIR = join(__dirname, '..');
const STAGED_DIR = join(PACKAGE_DIR, 'dist-packages');

function packedFiles(dir = PACKAGE_DIR) {
	const pack = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: dir, encoding: 'utf8' });
	if (pack.status !== 0) throw new Error(`npm pack --dry-run in ${dir} failed: ${pack.stderr}`);
	return JSON.parse(pack.stdout)[0].files.map((file) => file.path);
}

/** Everything n8n needs from the package, as paths inside it. */
function requiredFiles(dir = PACKAGE_DIR) {
	const { n8n } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
	const required = new Set(['package.json', 'README.md', 'LICENSE']);
	for (const path of [...n8n.nodes, ...n8n.credentials]) {
		required.add(path);
		if (n8n.nodes.includes(path)) required.add(path.replace(/\.js$/, '.json'));
		// Icons are referenced as file:<path relative to the module>.
		const source = readFileSync(join(dir, path), 'utf8');
		for (const [, icon] of source.matchAll(/["']file:([^"']+)["']/g))
			required.add(normalize(join(dirname(path), icon)));
	}
	return [...required];
}

const isBuiltin = (id) => id.startsWith('node:') || builtinModules.includes(id.split('/')[0]);

/** Each require() of the package's code that it does not satisfy itself, as "file: id". */
function outsideRequires(files, dir = PACKAGE_DIR) {
	const outside = [];
	for (const file of files.filter((path) => path.endsWith('.js'))) {
		const source = readFileSync(join(dir, file), 'utf8');
		for (const [, id] of source.matchAll(/\brequire\("([^"]+)"\)/g)) {
			// A relative require loads `<id>.js`, or `<id>/index.js` for a folder.
			const path = normalize(join(dirname(file), id));
			const inside =
				id.startsWith('.') && [`${path}.js`, join(path, 'index.js')].some((f) => files.includes(f));
			if (!inside && id !== 'n8n-workflow' && !isBuiltin(id)) outside.push(`${file}: ${id}`);
		}
	}
	return outside;
}

function check(files, dir = PACKAGE_DIR) {
	const packed = files ?? packedFiles(dir);
	const stray = packed.filter(
		(file) => !/^(dist\/|README\.md$|LICENSE$|package\.json$)/.test(file),
	);
	const missing = requiredFiles(dir).filter((file) => !packed.includes(file));
	return { files: packed, stray, missing, outside: files ? [] : outsideRequires(packed, dir) };
}

/** The combined package and every staged vendor package. */
function packageDirs() {
	const staged = existsSync(STAGED_DIR)
		? readdirSync(STAGED_DIR, { withFileTypes: true })
				.filter((entry) => entry.isDirectory())
				.map((entry) => join(STAGED_DIR, entry.name))
		: [];
	return [PACKAGE_DIR, ...staged];
}

module.exports = { check, packageDirs, requiredFiles };

if (require.main === module) {
	let failed = false;
	for (const dir of packageDirs()) {
		const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
		const { files, stray, missing, outside } = check(undefined, dir);
		if (stray.length) console.error(`${name}: unexpected files in the package:`, stray);
		if (missing.length) console.error(`${name}: missing from the package:`, missing);
		if (outside.length) console.error(`${name}: requires what the package does not hold:`, outside);
		if (stray.length || missing.length || outside.length) failed = true;
		else
			console.log(
				`${name}: contents ok (${files.length} files, ${requiredFiles(dir).length} required ones present, every require inside the package, n8n-workflow or Node's)`,
			);
	}
	const vendorPackages = readdirSync(join(PACKAGE_DIR, 'packages'));
	if (packageDirs().length !== vendorPackages.length + 1) {
		console.error(
			`dist-packages/ does not hold the ${vendorPackages.length} vendor packages of packages/: run npm run pack:vendors first.`,
		);
		failed = true;
	}
	if (failed) process.exit(1);
}
