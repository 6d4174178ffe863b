import { editModelFamily } from '../../../nodes/OpenAi/actions/edits/models';

// Which row of the model table a Model name reads: by name, a dated snapshot by its model's name,
// the newest families by prefix; a gateway's own name by none.

describe('the OpenAI edit model table', () => {
	it.each([
		['gpt-image-1.5', 'gpt-image-1'],
		['gpt-image-1.5-2025-12-16', 'gpt-image-1'],
		['chatgpt-image-latest', 'gpt-image-1'],
		['gpt-image-1-mini', 'gpt-image-1-mini'],
		['gpt-image-2', 'gpt-image-2'],
		['gpt-image-2-2026-04-21', 'gpt-image-2'],
		['gpt-image-2.5-2026-09-01', 'gpt-image-2.5'],
		['gpt-image-2.6-sunburst', 'gpt-image-2.6'],
		['gpt-image-2.6-preview', 'gpt-image-2.6'],
	])('%s reads the row of %s', (model, family) => {
		expect(editModelFamily(model)?.name).toBe(family);
	});

	it.each(['acme-image-edit', 'gpt-image-25', 'gpt-image-2.6', 'my-gpt-image-1'])(
		'%s reads no row: only the schema checks it',
		(model) => {
			expect(editModelFamily(model)).toBeUndefined();
		},
	);
});
