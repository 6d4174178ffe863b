// Checks the links between the project's own documents (npm run lint): every relative link in
// README.md, CONTRIBUTING.md and docs/**/*.md names a file that exists, and every #anchor a heading
// of its target, as GitHub makes anchors from headings. Links to the web are not followed (CI
// reaches no web). Exits 1, listing each broken link, when any is.
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');

function markdownFiles() {
	const files = ['README.md', 'CONTRIBUTING.md'].map((name) => join(ROOT, name));
	const walk = (dir) => {
		for (const entry of readdirSync(dir)) {
			const path = join(dir, entry);
			if (statSync(path).isDirectory()) walk(path);
			else if (entry.endsWith('.md')) files.push(path);
		}
	};
	walk(join(ROOT, 'docs'));
	return files;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading) {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[`*_]/g, '')
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');
}

const anchorsCache = new Map();

/** The anchors of a Markdown file's headings, numbered as GitHub numbers repeated ones. */
function anchorsOf(file) {
	if (!anchorsCache.has(file)) {
		const seen = new Map();
		const anchors = new Set();
		let inCode = false;
		for (const line of readFileSync(file, 'utf8').split('\n')) {
			if (line.startsWith('```')) inCode = !inCode;
			const heading = !inCode && /^#{1,6}\s+(.*)$/.exec(line);
			if (!heading) continue;
			const base = slug(heading[1]);
			const count = seen.get(base) ?? 0;
			seen.set(base, count + 1);
			anchors.add(count === 0 ? base : `${base}-${count}`);
		}
		anchorsCache.set(file, anchors);
	}
	return anchorsCache.get(file);
}

const broken = [];
let checked = 0;
for (const file of markdownFiles()) {
	let inCode = false;
	readFileSync(file, 'utf8')
		.split('\n')
		.forEach((line, index) => {
			if (line.startsWith('```')) inCode = !inCode;
			if (inCode) return;
			for (const match of line.matchAll(/\]\(([^)\s]+)\)/g)) {
				const target = match[1];
				if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
				checked++;
				const [path, anchor] = target.split('#');
				const targetFile = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
				const where = `${relative(ROOT, file)}:${index + 1}`;
				if (!existsSync(targetFile)) {
					broken.push(`${where}: ${target} (no such file)`);
					continue;
				}
				if (anchor && targetFile.endsWith('.md') && !anchorsOf(targetFile).has(anchor))
					broken.push(`${where}: ${target} (no heading with that anchor)`);
			}
		});
}

if (broken.length > 0) {
	console.error(`Broken links in the documents:\n  ${broken.join('\n  ')}`);
	process.exit(1);
}
console.log(`links: ${checked} relative links in the documents, all resolve`);
