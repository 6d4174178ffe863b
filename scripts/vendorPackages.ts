// `npm run pack:vendors`: one single-service package per vendor, built from this one source tree
// for n8n's verification (one third-party service per package). Each packages/<name>/package.json
// is that package's manifest; its nodes/, credentials/ and icons links are the sources n8n's scanner
// lints at the attested commit. The package gets, from the combined build in dist/, exactly the
// compiled files its nodes and credential load (found by following their require()s, so the shared
// core comes along), their codex files and icons, LICENSE and a README cut from the main README.
// Writes dist-packages/<name>/ (the staged package) and dist-packages/<name>-<version>.tgz.
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

import type { ReadmeParts } from './vendorReadme';
import { documentation } from './documentation';
import { vendorReadme } from './vendorReadme';

export const PACKAGE_DIR = join(__dirname, '..');
export const PACKAGES_DIR = join(PACKAGE_DIR, 'packages');
export const OUT_DIR = join(PACKAGE_DIR, 'dist-packages');

export interface Manifest {
	name: string;
	version: string;
	description: string;
	dependencies?: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[]; strict?: boolean; n8nNodesApiVersion: number };
}

/**
 * What each package adds to its manifest in packages/<name>/: how its README is cut, and the name of
 * its credential type. Credential type names are global in an n8n instance, so each package's is its
 * own: installed beside n8n-nodes-ai-image (whose `novitaApi`, `freepikApi`, `openAiImagesApi` saved
 * workflows and stored credentials use), neither package's credential replaces the other's.
 */
export const PACKAGES: Record<string, ReadmeParts & { credentialType: string }> = {
	'n8n-nodes-freepik-image': {
		service: 'Freepik / Magnific',
		section: 'Freepik Reimagine Flux',
		credentialType: 'freepikImageApi',
	},
	'n8n-nodes-novita-image': {
		service: 'Novita AI',
		section: 'Novita Reimagine and Novita Replace Background',
		credentialType: 'novitaImageApi',
	},
	'n8n-nodes-openai-image': {
		service: 'OpenAI',
		section: 'OpenAI Image Variation',
		credentialType: 'openAiCompatibleImagesApi',
	},
};

export interface VendorPackage extends ReadmeParts {
	manifest: Manifest;
	/** Its credential type's name in this package, and in n8n-nodes-ai-image. */
	credentialType: string;
	combinedCredentialType: string;
	/** The vendor folder under nodes/ its nodes come from (Novita, Freepik, OpenAi). */
	vendor: string;
	/** packages/<name>: the manifest and the linked sources. */
	sourceDir: string;
	/** dist-packages/<name>: the package as it is packed. */
	stagedDir: string;
	tarball: string;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

export function vendorPackages(): VendorPackage[] {
	return readdirSync(PACKAGES_DIR)
		.sort()
		.map((name) => {
			const sourceDir = join(PACKAGES_DIR, name);
			const manifest = readJson<Manifest>(join(sourceDir, 'package.json'));
			const vendor = /^dist\/nodes\/([^/]+)\//.exec(manifest.n8n.nodes[0])?.[1];
			if (manifest.name !== name || !vendor || !PACKAGES[name])
				throw new Error(
					`packages/${name}: its package.json's name or n8n.nodes do not match the folder, or PACKAGES has no entry for it`,
				);
			return {
				...PACKAGES[name],
				combinedCredentialType: credentialTypeIn(manifest.n8n.credentials[0]),
				manifest,
				vendor,
				sourceDir,
				stagedDir: join(OUT_DIR, name),
				tarball: join(OUT_DIR, `${name}-${manifest.version}.tgz`),
			};
		});
}

/** The `name` of the credential class a compiled credential module exports. */
function credentialTypeIn(file: string): string {
	const source = readFileSync(join(PACKAGE_DIR, file), 'utf8');
	const name = /^\s+name = '([^']+)';$/m.exec(source)?.[1];
	if (!name) throw new Error(`${file} declares no credential type name: run npm run build first`);
	return name;
}

/**
 * Gives the staged package its own credential type name. The nodes read the name from the
 * credential class (nodes/<Vendor>/transport/credential.ts), so it is written in one place only:
 * a second quote of it anywhere in the package would keep the old name there, and fails the pack.
 */
function renameCredentialType(pkg: VendorPackage, files: string[]): void {
	const quoted = `'${pkg.combinedCredentialType}'`;
	const quoting = files.filter(
		(file) =>
			file.endsWith('.js') && readFileSync(join(pkg.stagedDir, file), 'utf8').includes(quoted),
	);
	const credentialFile = pkg.manifest.n8n.credentials[0];
	if (quoting.length !== 1 || quoting[0] !== credentialFile)
		throw new Error(
			`${quoted} must be written only in ${credentialFile}, as its class's name; it is in ${quoting.join(', ')}`,
		);
	const path = join(pkg.stagedDir, credentialFile);
	const source = readFileSync(path, 'utf8');
	writeFileSync(path, source.replace(`name = ${quoted};`, `name = '${pkg.credentialType}';`));
}

/** What a compiled module requires, as written: relative paths and package names. */
function requiresOf(source: string): string[] {
	return [...source.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]);
}

const BUILTINS = new Set(builtinModules);
const isBuiltin = (id: string) => id.startsWith('node:') || BUILTINS.has(id.split('/')[0]);

/** The file Node loads for a relative require: `<path>.js`, or `<path>/index.js` for a folder. */
function requiredFile(path: string): string {
	return existsSync(join(PACKAGE_DIR, `${path}.js`)) ? `${path}.js` : join(path, 'index.js');
}

/**
 * The files of dist/ (paths relative to the repository) that the entry modules load, with every
 * node's codex file and every icon a loaded module names. Throws on a require of anything but a
 * file of dist/, n8n-workflow or Node's own modules: the package would not load on its own.
 */
export function filesLoadedBy(entries: string[]): string[] {
	const files = new Set<string>();
	const pending = [...entries];
	while (pending.length) {
		const file = normalize(pending.pop() as string);
		if (files.has(file)) continue;
		files.add(file);
		if (file.endsWith('.node.js')) files.add(file.replace(/\.js$/, '.json'));
		const source = readFileSync(join(PACKAGE_DIR, file), 'utf8');
		for (const [, icon] of source.matchAll(/["']file:([^"']+)["']/g))
			files.add(normalize(join(dirname(file), icon)));
		for (const id of requiresOf(source)) {
			if (id.startsWith('.')) pending.push(requiredFile(join(dirname(file), id)));
			else if (id !== 'n8n-workflow' && !isBuiltin(id))
				throw new Error(`${file} requires ${id}, which a single-vendor package would not hold`);
		}
	}
	for (const file of files)
		if (!existsSync(join(PACKAGE_DIR, file)))
			throw new Error(`${file} is loaded but not built: run npm run build first`);
	return [...files].sort();
}

export function stage(pkg: VendorPackage, mainReadme: string): string[] {
	const { manifest, stagedDir } = pkg;
	rmSync(stagedDir, { recursive: true, force: true });
	const files = filesLoadedBy([...manifest.n8n.nodes, ...manifest.n8n.credentials]);
	for (const file of files) {
		mkdirSync(dirname(join(stagedDir, file)), { recursive: true });
		copyFileSync(join(PACKAGE_DIR, file), join(stagedDir, file));
	}
	renameCredentialType(pkg, files);
	copyFileSync(join(pkg.sourceDir, 'package.json'), join(stagedDir, 'package.json'));
	copyFileSync(join(PACKAGE_DIR, 'LICENSE'), join(stagedDir, 'LICENSE'));
	writeFileSync(join(stagedDir, 'README.md'), vendorReadme(mainReadme, pkg));
	const prettier = spawnSync('npx', ['prettier', '--write', join(stagedDir, 'README.md')], {
		cwd: PACKAGE_DIR,
		encoding: 'utf8',
	});
	if (prettier.status !== 0) throw new Error(`Formatting the README failed: ${prettier.stderr}`);
	return files;
}

function pack(pkg: VendorPackage): void {
	rmSync(pkg.tarball, { force: true });
	const result = spawnSync('npm', ['pack', '--json', '--pack-destination', OUT_DIR], {
		cwd: pkg.stagedDir,
		encoding: 'utf8',
	});
	if (result.status !== 0 || !existsSync(pkg.tarball))
		throw new Error(
			`npm pack of ${pkg.manifest.name} failed (exit ${result.status}):\n${result.stderr}`,
		);
}

/** Stages and packs every vendor package; returns them with their tarballs written. */
export function packVendors(): VendorPackage[] {
	mkdirSync(OUT_DIR, { recursive: true });
	const mainReadme = documentation(PACKAGE_DIR);
	const packages = vendorPackages();
	for (const pkg of packages) {
		const files = stage(pkg, mainReadme);
		pack(pkg);
		console.log(
			`${relative(PACKAGE_DIR, pkg.tarball)}: ${files.length} files of dist/ (${pkg.vendor} and the shared core)`,
		);
	}
	return packages;
}

if (require.main === module) packVendors();
