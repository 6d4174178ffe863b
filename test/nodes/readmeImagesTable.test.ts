import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { MAGNIFIC_MODELS } from '../../nodes/Freepik/models';
import { NOVITA_MODELS } from '../../nodes/Novita/models';
import { EDIT_IMAGES, EDIT_MASK } from '../../nodes/OpenAi/actions/edits/models';
import { PACKAGE_DIR } from '../harness/engine';

// The README's table of images and masks per model says what the declarations say: a model whose
// count changes, or a new one, fails here until the table is changed with it.

const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');
const table = readme.slice(readme.indexOf('| node, model'));
const rows = table
	.slice(0, table.indexOf('\n\n'))
	.split('\n')
	.slice(2)
	.map((line) =>
		line
			.split('|')
			.map((cell) => cell.trim())
			.slice(1, -1),
	);
const row = (name: string) => {
	const found = rows.find(([node]) => node.includes(name));
	if (!found) throw new Error(`README images table: no row for ${name}`);
	return { images: found[1], mask: found[2] };
};
const count = ({ min, max }: { min: number; max: number }) =>
	min === max ? String(max) : `${min}–${max}`;

describe('README: images and masks per model', () => {
	it.each(NOVITA_MODELS.map((model) => [model.displayName, model] as const))(
		'%s',
		(_name, model) => {
			const family = model.displayName.replace(/ (Pro|Max|Dev)$/, '');
			expect(row(`Novita, ${family}`)).toEqual({ images: count(model.image.count), mask: '—' });
		},
	);

	it.each(MAGNIFIC_MODELS.map((model) => [model.displayName, model] as const))(
		'%s',
		(_name, model) => {
			const family = model.displayName.replace(/ Flash$/, '');
			expect(row(`Freepik, ${family}`)).toEqual({ images: count(model.images.count), mask: '—' });
		},
	);

	it('OpenAI Edits: its count and its mask rule', () => {
		const edits = row('Edits (every GPT Image)');
		expect(edits.images).toBe(count(EDIT_IMAGES));
		expect(EDIT_MASK).toMatchObject({ maxBytes: 4 * 1024 * 1024, maxBytesExclusive: true });
		expect(edits.mask).toBe('PNG with alpha, < 4 MB, size of the first image');
	});

	it('the nodes that take one image', () => {
		for (const name of ['Variations (dall-e-2)', 'Novita, classic endpoints', 'Freepik, Reimagine'])
			expect(row(name)).toEqual({ images: '1', mask: '—' });
	});
});
