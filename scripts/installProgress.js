// Prints, every 20 s while an `npm install` runs (scripts/realN8n.ts starts it beside the
// install), how long it has taken and what it has put into node_modules so far: an n8n install
// takes minutes with nothing else on screen. Ended by its parent when the install ends.
// Usage: node scripts/installProgress.js <folder> <what>
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const [folder, what] = process.argv.slice(2);
const modules = join(folder, 'node_modules');
const started = Date.now();

function elapsed() {
	const seconds = Math.round((Date.now() - started) / 1000);
	return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * The packages in node_modules (scoped ones counted one by one): how many folders npm has made,
 * how many of them hold their package.json yet (npm makes the folders first and unpacks into them
 * as the tarballs arrive, so only the second count moves), and the one unpacked last.
 */
function installedSoFar() {
	let count = 0;
	let unpacked = 0;
	let newest = { name: '', at: 0 };
	let entries = [];
	try {
		entries = readdirSync(modules);
	} catch {
		return { count, unpacked, newest: '' };
	}
	for (const entry of entries) {
		if (entry.startsWith('.')) continue;
		const names = entry.startsWith('@')
			? readdirSync(join(modules, entry)).map((name) => `${entry}/${name}`)
			: [entry];
		for (const name of names) {
			count++;
			const manifest = statSync(join(modules, name, 'package.json'), { throwIfNoEntry: false });
			if (!manifest) continue;
			unpacked++;
			if (manifest.mtimeMs > newest.at) newest = { name, at: manifest.mtimeMs };
		}
	}
	return { count, unpacked, newest: newest.name };
}

setInterval(() => {
	const { count, unpacked, newest } = installedSoFar();
	const latest = newest ? `, latest ${newest}` : '';
	// Once every package is unpacked, npm runs their install scripts (sqlite3 compiles from source
	// here, for minutes) with nothing left to count: say so rather than repeat the same figure.
	const stage =
		count > 0 && unpacked === count
			? `all ${count} packages unpacked, install scripts running (sqlite3 compiles from source)`
			: `${unpacked} of ${count} packages unpacked${latest}`;
	console.log(`… installing ${what}: ${elapsed()} so far, ${stage}`);
}, 20_000);
