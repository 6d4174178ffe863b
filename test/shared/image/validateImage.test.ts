import type { IExecuteFunctions } from 'n8n-workflow';

import type { InputImage } from '../../../nodes/shared/image/input';
import type { ImageLimits } from '../../../nodes/shared/image/validate';
import { validateImage } from '../../../nodes/shared/image/validate';
import { sniffImage } from '../../../nodes/shared/image/sniff';
import { makePng } from '../../fixtures/images';
import { TEST_NODE } from '../../helpers';

// Each limit at its bound: the limit itself is accepted, one over it is refused, with the exact
// message and fix.

const ctx = {
	getNode: () => TEST_NODE,
} as unknown as IExecuteFunctions;

function image(width: number, height: number, size?: number): InputImage {
	const bytes = makePng(width, height);
	return {
		size: size ?? bytes.length,
		head: bytes,
		info: sniffImage(bytes),
		baseName: 'x',
		chunks: async function* () {},
		buffer: async () => bytes,
	};
}

const LIMITS: ImageLimits = { apiName: 'Test API', formats: ['png'], maxBytes: 1000 };

function check(input: InputImage, limits: Partial<ImageLimits>): [string, string] | 'ok' {
	try {
		validateImage(ctx, 0, input, { ...LIMITS, ...limits });
		return 'ok';
	} catch (error) {
		const { message, description } = error as { message: string; description: string };
		return [message, description];
	}
}

const RESIZE = 'Resize or crop it first, for example with the Edit Image node.';

describe('validateImage at each bound', () => {
	it('Max size, inclusive: the limit passes, a byte more does not', () => {
		expect(check(image(2, 2, 1000), {})).toBe('ok');
		expect(check(image(2, 2, 1001), {})).toEqual([
			'Item 0: the input image is 2×2 PNG of 1001 B; Test API accepts at most 1000 B',
			'Make the file smaller first: resize it or save it with stronger compression, for example with the Edit Image node.',
		]);
	});

	it('Max size, exclusive: the limit itself is refused, a byte less passes', () => {
		expect(check(image(2, 2, 999), { maxBytesExclusive: true })).toBe('ok');
		expect(check(image(2, 2, 1000), { maxBytesExclusive: true })[0]).toBe(
			'Item 0: the input image is 2×2 PNG of 1000 B; Test API accepts less than 1000 B',
		);
	});

	it('Max side: each side may reach it', () => {
		expect(check(image(16, 16), { maxSide: 16 })).toBe('ok');
		expect(check(image(16, 17), { maxSide: 16 })).toEqual([
			'Item 0: the input image is 16×17 pixels; Test API accepts at most 16 pixels on each side',
			RESIZE,
		]);
		expect(check(image(17, 16), { maxSide: 16 })[0]).toBe(
			'Item 0: the input image is 17×16 pixels; Test API accepts at most 16 pixels on each side',
		);
	});

	it('Max pixels: the area may reach it, whatever the shape', () => {
		const maxPixels = { width: 8, height: 8 };
		expect(check(image(16, 4), { maxPixels })).toBe('ok');
		expect(check(image(13, 5), { maxPixels })).toEqual([
			'Item 0: the input image is 13×5 pixels; Test API accepts at most 8×8 pixels in total',
			RESIZE,
		]);
	});

	it('Square: only equal sides pass', () => {
		expect(check(image(9, 9), { square: true })).toBe('ok');
		expect(check(image(9, 8), { square: true })).toEqual([
			'Item 0: the input image is 9×8 pixels; Test API needs a square image',
			'Crop it to a square first, for example with the Edit Image node (Crop operation).',
		]);
	});

	it('a recognised image whose size cannot be read is refused as truncated', () => {
		const cut = makePng(4, 4).subarray(0, 20);
		const truncated = { ...image(4, 4), head: cut, size: cut.length, info: sniffImage(cut) };
		expect(check(truncated, {})).toEqual([
			'Item 0: the input PNG is truncated or corrupt: its size cannot be read',
			'Check that the whole file was passed to the node.',
		]);
	});

	it('one accepted format is named alone; several as a list', () => {
		const gifBytes = Buffer.from('GIF89a\x02\x00\x02\x00', 'latin1');
		const gif = { ...image(2, 2), head: gifBytes, info: sniffImage(gifBytes) };
		expect(check(gif, { formats: ['png'] })).toEqual([
			'Item 0: the input image is a GIF; Test API accepts only PNG',
			'Convert it to PNG first, for example with the Edit Image node (Options > Format).',
		]);
		expect(check(gif, { formats: ['png', 'jpeg', 'webp'] })[0]).toBe(
			'Item 0: the input image is a GIF; Test API accepts only PNG, JPEG or WEBP',
		);
	});
});
