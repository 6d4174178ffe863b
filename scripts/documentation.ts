// The documentation a vendor package's README is cut from: the main README and the docs/ pages
// that hold the nodes' sections, as one text whose relative links all start at the repository's
// root (a page's own `#anchor` becomes `docs/….md#anchor`), so that vendorReadme.ts can make them
// absolute for npm.
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

/** The pages beside the README that vendor READMEs take sections from, in their order. */
export const DOCUMENTATION_PAGES = [
	'docs/nodes/common.md',
	'docs/nodes/novita.md',
	'docs/nodes/freepik.md',
	'docs/nodes/openai.md',
	'docs/queue-mode.md',
];

/** The page's relative links, rewritten from its folder to the repository's root. */
export function rootRelative(markdown: string, page: string): string {
	return markdown.replace(
		/(\]\()(?!https?:|mailto:)([^)]+)\)/g,
		(_link, start: string, target: string) => {
			if (target.startsWith('#')) return `${start}${page}${target})`;
			return `${start}${posix.normalize(posix.join(dirname(page), target))})`;
		},
	);
}

export function documentation(root: string): string {
	return [
		readFileSync(join(root, 'README.md'), 'utf8'),
		...DOCUMENTATION_PAGES.map((page) =>
			rootRelative(readFileSync(join(root, page), 'utf8'), page),
		),
	].join('\n\n');
}
