import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { VendorPackage } from '../../scripts/vendorPackages';
import { PACKAGES, packVendors } from '../../scripts/vendorPackages';
import { documentation } from '../../scripts/documentation';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { check } = require('../../scripts/checkPackage') as {
	check(
		files: string[] | undefined,
		dir: string,
	): { stray: string[]; missing: string[]; outside: string[] };
};

const VENDORS = ['Freepik', 'Novita', 'OpenAi'];
let packages: VendorPackage[];

beforeAll(() => {
	packages = packVendors();
}, 60_000);

const load = <T>(pkg: VendorPackage, file: string) =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	Object.values(require(join(pkg.stagedDir, file)) as Record<string, new () => T>)[0];

describe('npm run pack:vendors', () => {
	it('packs one package per vendor folder, each named for its service', () => {
		expect(packages.map((pkg) => [pkg.manifest.name, pkg.vendor])).toEqual([
			['n8n-nodes-freepik-image', 'Freepik'],
			['n8n-nodes-novita-image', 'Novita'],
			['n8n-nodes-openai-image', 'OpenAi'],
		]);
	});

	it.each(VENDORS)(
		'the %s package holds its own nodes and the shared core, and loads alone',
		(vendor) => {
			const pkg = packages.find((candidate) => candidate.vendor === vendor)!;
			const nodeFolders = readdirSync(join(pkg.stagedDir, 'dist', 'nodes')).sort();
			expect(nodeFolders).toEqual([vendor, 'shared']);
			const { stray, missing, outside } = check(undefined, pkg.stagedDir);
			expect({ stray, missing, outside }).toEqual({ stray: [], missing: [], outside: [] });
			expect(pkg.manifest.n8n.strict).toBe(true);
			expect(pkg.manifest.dependencies).toBeUndefined();
		},
	);

	it.each(VENDORS)(
		'the %s package’s nodes use its own credential type, not the combined package’s',
		(vendor) => {
			const pkg = packages.find((candidate) => candidate.vendor === vendor)!;
			const own = PACKAGES[pkg.manifest.name].credentialType;
			expect(own).not.toBe(pkg.combinedCredentialType);
			const Credential = load<{ name: string }>(pkg, pkg.manifest.n8n.credentials[0]);
			expect(new Credential().name).toBe(own);
			for (const file of pkg.manifest.n8n.nodes) {
				const Node = load<{ description: { credentials: Array<{ name: string }> } }>(pkg, file);
				expect(new Node().description.credentials.map((c) => c.name)).toEqual([own]);
			}
		},
	);

	it.each(VENDORS)(
		'the %s package’s README is its vendor’s part of the main README, with links that work on npm',
		(vendor) => {
			const pkg = packages.find((candidate) => candidate.vendor === vendor)!;
			const readme = readFileSync(join(pkg.stagedDir, 'README.md'), 'utf8');
			const main = documentation(join(__dirname, '..', '..'));
			const section = main
				.split(/^(?=## )/m)
				.find((part) => part.startsWith(`## ${pkg.section}\n`))!;
			// Its heading and first paragraph, word for word (links further down become absolute).
			expect(readme).toContain(section.split('\n\n').slice(0, 2).join('\n\n'));
			for (const other of packages.filter((candidate) => candidate !== pkg))
				expect(readme).not.toContain(`## ${other.section}\n`);
			expect(readme).toContain(`npm install ${pkg.manifest.name}`);
			expect(readme).toContain(`(\`${pkg.credentialType}\`)`);
			expect(readme).not.toMatch(/\]\((?!https:\/\/|#)/);
			// One title: the docs pages' own titles do not come along with their sections.
			expect(readme.match(/^# /gm)).toEqual(['# ']);
		},
	);
});
