import { decodeBase64 } from '../nodes/shared/image/base64';
import { sniffImage } from '../nodes/shared/image/sniff';
import { fixtures, makePng } from './fixtures/images';

describe('sniffImage', () => {
	it.each([
		['squarePng', 'png', 64, 64],
		['widePng', 'png', 120, 80],
		['alphaPng', 'png', 40, 30],
		['photoJpeg', 'jpeg', 96, 64],
		['progressiveJpeg', 'jpeg', 64, 64],
		['lossyWebp', 'webp', 80, 80],
		['losslessWebp', 'webp', 64, 64],
		['alphaWebp', 'webp', 40, 30],
		['gif', 'gif', 32, 32],
	] as const)('%s is a %s of %i×%i', (name, format, width, height) => {
		expect(sniffImage(fixtures[name])).toMatchObject({ format, width, height });
	});

	it('reads generated PNG sizes', () => {
		expect(sniffImage(makePng(3000, 7, 1))).toMatchObject({
			format: 'png',
			width: 3000,
			height: 7,
		});
	});

	it('recognises a truncated header but reports no size', () => {
		for (const name of [
			'squarePng',
			'photoJpeg',
			'lossyWebp',
			'losslessWebp',
			'alphaWebp',
			'gif',
		] as const) {
			const info = sniffImage(fixtures[name].subarray(0, name === 'gif' ? 9 : 16));
			expect(info?.format).toBeDefined();
			expect(info?.width).toBeUndefined();
		}
	});

	it('returns undefined for bytes that are not an image', () => {
		for (const bytes of [
			Buffer.alloc(0),
			Buffer.from('<html></html>'),
			Buffer.from('%PDF-1.7'),
			Buffer.from([0xff, 0xd8]),
		]) {
			expect(sniffImage(bytes)).toBeUndefined();
		}
	});

	it('survives garbage after a valid signature', () => {
		const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(64, 0x41)]);
		expect(sniffImage(garbage)).toEqual({
			format: 'jpeg',
			mimeType: 'image/jpeg',
			extension: 'jpg',
		});
	});
});

describe('decodeBase64', () => {
	it('decodes plain, URL-safe and data: URL forms', () => {
		const b64 = fixtures.squarePng.toString('base64');
		expect(decodeBase64(b64)?.buffer.equals(fixtures.squarePng)).toBe(true);
		expect(
			decodeBase64(fixtures.squarePng.toString('base64url'))?.buffer.equals(fixtures.squarePng),
		).toBe(true);
		expect(decodeBase64(`data:image/png;base64,${b64}`)).toMatchObject({
			declaredMimeType: 'image/png',
		});
		expect(
			decodeBase64(`${b64.slice(0, 20)}\n${b64.slice(20)}`)?.buffer.equals(fixtures.squarePng),
		).toBe(true);
	});

	it('rejects garbage instead of decoding it to random bytes', () => {
		for (const text of ['', 'not base64!', '%%%%', 'abcde', 'data:image/png;base64,'])
			expect(decodeBase64(text)).toBeUndefined();
	});
});
