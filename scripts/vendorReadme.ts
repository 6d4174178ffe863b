// A vendor package's README, cut from the main README and the docs/ pages beside it (one text,
// documentation.ts) so the two cannot drift: the vendor's credential row and node section (its
// upstream status included), with the sections every node shares. Links into
// the repository become absolute (npm shows the README without the repository beside it).
export interface ReadmeParts {
	/** The service, as users know it. */
	service: string;
	/** The heading of its nodes' section. */
	section: string;
}

/** What the README of one vendor package is cut for (scripts/vendorPackages.ts's VendorPackage has it all). */
export interface ReadmePackage extends ReadmeParts {
	manifest: { name: string; description: string };
	credentialType: string;
	combinedCredentialType: string;
	vendor: string;
}

const SHARED_SECTIONS = ['Common to every node', 'Queue mode', 'License'];
const REPOSITORY = 'https://github.com/n8n-nodes-ai-image/n8n-nodes-ai-image';
const RAW = 'https://raw.githubusercontent.com/n8n-nodes-ai-image/n8n-nodes-ai-image/main';

/** The documentation's `## ` sections by heading (the text before the first one under ''). */
function sections(readme: string): Map<string, string> {
	const parts = new Map<string, string>();
	// A page's `# ` title ends the section before it too (documentation.ts joins pages one after
	// another); the title and its lead paragraph are no section of their own.
	for (const block of readme.split(/^(?=#{1,2} )/m)) {
		const heading = /^## (.+)\n/.exec(block)?.[1] ?? '';
		parts.set(heading.replace(/ (\(|—).*$/, ''), block.trimEnd());
	}
	return parts;
}

function section(all: Map<string, string>, heading: string): string {
	const text = all.get(heading);
	if (text === undefined) throw new Error(`README.md has no section "## ${heading}"`);
	return text;
}

/** The Credentials section with only this package's credential in its table, under its own type name. */
function credentials(all: Map<string, string>, pkg: ReadmePackage): string {
	const lines = section(all, 'Credentials').split('\n');
	return lines
		.filter((line, index) => {
			const isTableRow = line.startsWith('|') && index > 0 && lines[index - 1].startsWith('|');
			const isHeaderOrRule = isTableRow && /^\|[\s-|]+\|$/.test(line);
			return !isTableRow || isHeaderOrRule || line.includes(`(\`${pkg.combinedCredentialType}\`)`);
		})
		.filter((line) => !line.startsWith('The OpenAI credential') || pkg.vendor === 'OpenAi')
		.join('\n')
		.replace(`(\`${pkg.combinedCredentialType}\`)`, `(\`${pkg.credentialType}\`)`);
}

function absoluteLinks(markdown: string, included: string[]): string {
	const anchors = new Set(
		included.map((heading) =>
			heading
				.toLowerCase()
				.replace(/[^a-z0-9 -]/g, '')
				.replace(/ /g, '-'),
		),
	);
	return markdown
		.replace(/(!\[[^\]]*\]\()(?!https?:|#)([^)]+)\)/g, `$1${RAW}/$2)`)
		.replace(/((?:^|[^!])\[[^\]]*\]\()(?!https?:|#)([^)]+)\)/g, `$1${REPOSITORY}/blob/main/$2)`)
		.replace(/(\[[^\]]*\]\()#([^)]+)\)/g, (link, start: string, anchor: string) =>
			anchors.has(anchor) ? link : `${start}${REPOSITORY}#${anchor})`,
		);
}

export function vendorReadme(documentation: string, pkg: ReadmePackage): string {
	const parts = pkg;
	const { name, description } = pkg.manifest;
	const all = sections(documentation);
	const install = [
		'## Install',
		'',
		`- **n8n UI**: _Settings → Community Nodes → Install_, package name \`${name}\`. n8n Cloud and a`,
		'  default n8n 3.0 install only verified packages: this one is published for verification',
		'  (one service, no runtime dependencies, published from GitHub Actions with npm provenance).',
		`- **Manually** (self-hosted): \`cd ~/.n8n/nodes && npm install ${name}\`, then restart n8n.`,
		`- Beside \`n8n-nodes-ai-image\` (all four nodes in one package) it works too: its credential type,`,
		`  \`${pkg.credentialType}\`, is its own, so neither package's credential replaces the other's; each`,
		`  package's nodes use a credential of its own type ([Install](${REPOSITORY}#install)).`,
	].join('\n');
	const body = [
		`# ${name}`,
		`${description}.`,
		`The ${parts.service} part of [n8n-nodes-ai-image](${REPOSITORY}), packaged on its own: this README is cut from that repository's README, and the code is built from the same source tree.`,
		install,
		credentials(all, pkg),
		section(all, SHARED_SECTIONS[0]),
		section(all, parts.section),
		...SHARED_SECTIONS.slice(1).map((heading) => section(all, heading)),
	].join('\n\n');
	return `${absoluteLinks(body, ['Install', 'Credentials', parts.section, ...SHARED_SECTIONS])}\n`;
}
