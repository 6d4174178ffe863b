import type { IExecuteFunctions } from 'n8n-workflow';

import { imageRefs, madeFrom, maskRef } from '../../../nodes/shared/image/sources';

// The references to an item's images, read from its parameters as n8n hands them over. n8n drops a
// parameter its node no longer shows before the node reads it; these tests hand one over anyway,
// as an older n8n or a workflow imported by API may.

function context(parameters: Record<string, unknown>, binary: Record<string, unknown> = {}) {
	return {
		getNodeParameter: (name: string, _item: number, fallback: unknown) =>
			name in parameters ? parameters[name] : fallback,
		getInputData: () => [{ json: {}, binary }],
		getNode: () => ({ name: 'Node', type: 'x', typeVersion: 1, parameters: {} }),
	} as unknown as IExecuteFunctions;
}

const ONE = { modelName: 'One', min: 1, max: 1 };
const FOUR = { modelName: 'Four', min: 1, max: 4 };

describe('imageRefs', () => {
	const withList = {
		inputSource: 'binary',
		binaryPropertyName: 'data',
		'additionalImages.images': [{ source: 'url', imageUrl: 'https://example.com/b.png' }],
	};

	it('reads Additional Images only for a model that takes more than one image', () => {
		expect(imageRefs(context(withList), 0, ONE).map((ref) => ref.value)).toEqual(['data']);
		expect(imageRefs(context(withList), 0, FOUR).map((ref) => ref.value)).toEqual([
			'data',
			'https://example.com/b.png',
		]);
	});

	it('names one image "the input image", and several by position and source', () => {
		expect(imageRefs(context(withList), 0, ONE)[0]).toMatchObject({
			name: 'the input image',
			forWhat: '',
			origin: { binaryField: 'data' },
		});
		expect(imageRefs(context(withList), 0, FOUR)[1]).toMatchObject({
			name: 'image 2 (URL https://example.com/b.png)',
			forWhat: ' for image 2',
			origin: { url: 'https://example.com/b.png' },
		});
	});

	it('All Binary Fields leaves out the mask’s field, and refuses an item with no other', () => {
		const ctx = context(
			{ inputSource: 'allBinary', maskSource: 'binary', maskBinaryPropertyName: 'mask' },
			{ data: {}, extra: {}, mask: {} },
		);
		const mask = maskRef(ctx, 0);
		expect(imageRefs(ctx, 0, FOUR, mask).map((ref) => ref.value)).toEqual(['data', 'extra']);
		const onlyMask = context(
			{ inputSource: 'allBinary', maskSource: 'binary', maskBinaryPropertyName: 'mask' },
			{ mask: {} },
		);
		expect(() => imageRefs(onlyMask, 0, FOUR, maskRef(onlyMask, 0))).toThrow(
			'Item 0: has no binary fields besides the mask\'s "mask"',
		);
	});

	it('an Image URL list: one line each, blank lines skipped; an array entry that is not text refused', () => {
		const lines = context({
			inputSource: 'url',
			imageUrl: 'https://a.test/1.png\n\n https://a.test/2.png ',
		});
		expect(imageRefs(lines, 0, FOUR).map((ref) => ref.value)).toEqual([
			'https://a.test/1.png',
			'https://a.test/2.png',
		]);
		const mixed = context({ inputSource: 'url', imageUrl: ['https://a.test/1.png', 3] });
		expect(() => imageRefs(mixed, 0, FOUR)).toThrow(
			'Image URL is a list, but not every entry is text',
		);
	});

	it('a model that needs more images than the item has says how many', () => {
		expect(() =>
			imageRefs(context({ inputSource: 'binary', binaryPropertyName: 'data' }), 0, {
				modelName: 'Two',
				min: 2,
				max: 4,
			}),
		).toThrow('Item 0: Two needs at least 2 images; this item has 1');
	});
});

describe('madeFrom', () => {
	it('is empty for one image without a mask, and lists the images otherwise', () => {
		const ctx = context({
			inputSource: 'binary',
			binaryPropertyName: 'data',
			maskSource: 'base64',
			maskBase64: 'AAAA',
		});
		const [one] = imageRefs(ctx, 0, ONE);
		expect(madeFrom([one])).toEqual({});
		expect(madeFrom([one], maskRef(ctx, 0))).toEqual({
			inputImages: [{ binaryField: 'data' }],
			mask: { base64: true },
		});
	});
});
