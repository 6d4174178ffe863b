// Checks that every runtime import the built package (dist/) takes from its peer dependency exists
// in a given copy of that peer: the one n8n hands a community package is n8n's own, whatever version
// the user runs. Plain CommonJS so that each matrix entry can run it under its own Node:
//   node scripts/compat/peerImports.js [dir to resolve n8n-workflow from]
// Exit 1 with the missing names. Caught for real: n8n-workflow 2.34 dropped `sleepWithAbort`, which
// dist/ called until the shared cancellation module read it through feature detection.
'use strict';
const { builtinModules } = require('node:module');
const { readdirSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const PACKAGE_DIR = join(__dirname, '..', '..');
const PEERS = Object.keys(require(join(PACKAGE_DIR, 'package.json')).peerDependencies ?? {});

function jsFiles(dir) {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return jsFiles(path);
		return entry.name.endsWith('.js') ? [path] : [];
	});
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * The names each file reads from each module it requires, as tsc emits CommonJS:
 * `const x_1 = require("m")` (or `__importStar(require("m"))`) and then `x_1.name`.
 * A require of any other form is reported, so that nothing slips past unread.
 */
function collectImports(source) {
	const requires = [];
	const unreadable = [];
	const pattern = /require\((["'])([^"']+)\1\)/g;
	for (let match; (match = pattern.exec(source));) {
		const module = match[2];
		const before = source.slice(Math.max(0, match.index - 120), match.index);
		const binding =
			/(?:const|let|var)\s+([\w$]+)\s*=\s*(?:__importStar\(|__importDefault\()?$/.exec(before);
		if (!binding) {
			unreadable.push(module);
			continue;
		}
		const name = binding[1];
		const uses = new Set();
		const access = new RegExp(`(?<![\\w$.])${escape(name)}\\.([\\w$]+)`, 'g');
		for (let use; (use = access.exec(source));) uses.add(use[1]);
		requires.push({ module, names: [...uses] });
	}
	return { requires, unreadable };
}

/** Everything dist/ requires from outside itself, by module: names read, and who reads them. */
function runtimeImports(distDir = join(PACKAGE_DIR, 'dist')) {
	const byModule = new Map();
	const problems = [];
	for (const file of jsFiles(distDir)) {
		const { requires, unreadable } = collectImports(readFileSync(file, 'utf8'));
		const where = relative(PACKAGE_DIR, file);
		for (const module of unreadable) {
			if (!module.startsWith('.'))
				problems.push(`${where}: require("${module}") in a form this check cannot read`);
		}
		for (const { module, names } of requires) {
			if (module.startsWith('.')) continue;
			const entry = byModule.get(module) ?? { names: new Map() };
			for (const name of names) entry.names.set(name, [...(entry.names.get(name) ?? []), where]);
			byModule.set(module, entry);
		}
	}
	return { byModule, problems };
}

const isBuiltin = (module) => module.startsWith('node:') || builtinModules.includes(module);

/**
 * Problems of dist/ against the peer copies found from `resolveFrom`: a module that is neither a
 * Node built-in nor a peer (it would not be installed for a user), or a name a peer lacks.
 */
function check(resolveFrom, distDir) {
	const { byModule, problems } = runtimeImports(distDir);
	const versions = {};
	for (const [module, { names }] of byModule) {
		if (isBuiltin(module)) continue;
		if (!PEERS.includes(module)) {
			problems.push(
				`dist/ requires "${module}", which is not a peer dependency: a user's n8n does not install it`,
			);
			continue;
		}
		const entry = require.resolve(module, { paths: [resolveFrom] });
		const exports = require(entry);
		const manifest = require.resolve(`${module}/package.json`, { paths: [resolveFrom] });
		versions[module] = require(manifest).version;
		for (const [name, files] of names) {
			if (!(name in exports)) {
				problems.push(
					`${module}@${versions[module]} does not export "${name}" (used in ${[...new Set(files)].join(', ')})`,
				);
			}
		}
	}
	return { problems, versions, modules: [...byModule.keys()] };
}

module.exports = { check, collectImports, runtimeImports };

if (require.main === module) {
	const resolveFrom = process.argv[2] ?? PACKAGE_DIR;
	const { problems, versions } = check(resolveFrom);
	const against = Object.entries(versions)
		.map(([m, v]) => `${m}@${v}`)
		.join(', ');
	if (problems.length) {
		console.error(
			`dist/ against ${against} (Node ${process.version}):\n  ${problems.join('\n  ')}`,
		);
		process.exit(1);
	}
	console.log(`dist/ runtime imports ok against ${against} (Node ${process.version})`);
}
