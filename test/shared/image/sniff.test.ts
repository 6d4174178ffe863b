import { decodeBase64 } from '../../../nodes/shared/image/base64';
import {
	describeContent,
	describeImage,
	outputFileFormat,
	sniffImage,
} from '../../../nodes/shared/image/sniff';
import { fixtures, makePng } from '../../fixtures/images';

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

// Every header bound, marker and signature, read from the formats' specifications rather than
// from the code. A file cut at every length is either not
// recognised (before its signature is whole), recognised without a size (before the bytes that
// hold it), or recognised with its size.
const PNG = { format: 'png', mimeType: 'image/png', extension: 'png' };
const JPEG = { format: 'jpeg', mimeType: 'image/jpeg', extension: 'jpg' };
const WEBP = { format: 'webp', mimeType: 'image/webp', extension: 'webp' };
const GIF = { format: 'gif', mimeType: 'image/gif', extension: 'gif' };

/** SOI, then the given segments, then a baseline frame header (SOF0) of 40×30. */
function jpeg(...segments: number[][]): Buffer {
	const sof = [
		0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x1e, 0x00, 0x28, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
	];
	return Buffer.from([0xff, 0xd8, ...segments.flat(), ...sof]);
}
const APP0 = [0xff, 0xe0, 0x00, 0x06, 0x4a, 0x46, 0x49, 0x46];

describe('sniffImage, header by header', () => {
	it.each([
		// name, bytes, signature complete at, size complete at, size
		['PNG (IHDR ends at byte 24)', makePng(3, 2), 8, 24, [3, 2]],
		['GIF (screen size ends at byte 10)', fixtures.gif, 6, 10, [32, 32]],
		['WEBP VP8 (frame size ends at byte 30)', fixtures.lossyWebp, 12, 30, [80, 80]],
		['WEBP VP8L (bit-packed size ends at byte 25)', fixtures.losslessWebp, 12, 25, [64, 64]],
		['WEBP VP8X (canvas size ends at byte 30)', fixtures.alphaWebp, 12, 30, [40, 30]],
		['JPEG (APP0, then SOF0 whose size ends at byte 19)', jpeg(APP0), 3, 19, [40, 30]],
	] as const)('%s, cut at every length', (_name, bytes, signature, sized, [width, height]) => {
		const type = { P: PNG, G: GIF, W: WEBP, J: JPEG }[_name[0] as 'P' | 'G' | 'W' | 'J'];
		for (let length = 0; length <= sized + 2; length++) {
			// A PNG's colour type follows its size (byte 25): whether it has alpha is known from 26 bytes.
			const alpha = type === PNG && length >= 26 ? { alpha: false } : {};
			const expected =
				length < signature
					? undefined
					: length < sized
						? type
						: { ...type, width, height, ...alpha };
			expect([length, sniffImage(bytes.subarray(0, length))]).toEqual([length, expected]);
		}
	});

	it('a width or height of 0 is no size', () => {
		for (const [w, h] of [
			[0, 5],
			[5, 0],
			[0, 0],
		]) {
			const png = makePng(1, 1);
			png.writeUInt32BE(w, 16);
			png.writeUInt32BE(h, 20);
			expect(sniffImage(png)).toEqual({ ...PNG, alpha: false });
		}
	});

	// From the PNG specification (11.2.2, 11.3.2.1): colour types 4 (grey + alpha) and 6 (RGBA)
	// carry an alpha channel; the others (0, 2, 3) are transparent only with a tRNS chunk, which
	// must come before the first IDAT.
	it.each([
		[0, false],
		[2, false],
		[3, false],
		[4, true],
		[6, true],
	])('PNG colour type %d: alpha %s', (colourType, alpha) => {
		const png = makePng(2, 2);
		png[25] = colourType;
		expect(sniffImage(png)?.alpha).toBe(alpha);
	});

	it('a PNG with a tRNS chunk before its image data is transparent; one after it is not', () => {
		const png = makePng(2, 2);
		const ihdrEnd = 8 + 12 + 13;
		const trns = Buffer.from([0, 0, 0, 2, 0x74, 0x52, 0x4e, 0x53, 0, 0, 0, 0, 0, 0]);
		const before = Buffer.concat([png.subarray(0, ihdrEnd), trns, png.subarray(ihdrEnd)]);
		expect(sniffImage(before)?.alpha).toBe(true);
		const iend = png.length - 12;
		const after = Buffer.concat([png.subarray(0, iend), trns, png.subarray(iend)]);
		expect(sniffImage(after)?.alpha).toBe(false);
		expect(sniffImage(fixtures.alphaPng)?.alpha).toBe(true);
		expect(sniffImage(fixtures.squarePng)?.alpha).toBe(false);
	});

	it('JPEG: fill bytes and markers without a length are stepped over', () => {
		for (const before of [
			[0xff, 0xff, 0xff], // fill bytes
			[0xff, 0xd0],
			[0xff, 0xd7], // restart markers, first and last
			[0xff, 0x01], // TEM
			[0xff, 0xd8], // a second SOI
		]) {
			expect(sniffImage(jpeg(before, APP0))).toEqual({ ...JPEG, width: 40, height: 30 });
		}
	});

	it('JPEG: DHT, JPG and DAC segments are not frame headers; every SOFn is', () => {
		const notFrame = (marker: number) => [0xff, marker, 0x00, 0x06, 0x00, 0x01, 0x00, 0x02];
		for (const marker of [0xc4, 0xc8, 0xcc, 0xbf, 0xdb])
			expect(sniffImage(jpeg(notFrame(marker)))).toEqual({ ...JPEG, width: 40, height: 30 });
		for (const marker of [0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]) {
			const frame = [0xff, marker, 0x00, 0x08, 0x08, 0x00, 0x07, 0x00, 0x09, 0x01];
			expect(sniffImage(jpeg(frame))).toEqual({ ...JPEG, width: 9, height: 7 });
		}
	});

	it('JPEG: a segment length under 2, or a byte where a marker belongs, ends the walk without a size', () => {
		expect(sniffImage(jpeg([0xff, 0xe0, 0x00, 0x01]))).toEqual(JPEG);
		// A segment of length 2 is empty, not malformed.
		expect(sniffImage(jpeg([0xff, 0xe0, 0x00, 0x02]))).toEqual({ ...JPEG, width: 40, height: 30 });
		expect(sniffImage(jpeg([0xff, 0xe0, 0x00, 0x02, 0x41]))).toEqual(JPEG);
	});

	it('RIFF and WEBP must both be there; GIF87a and GIF89a only', () => {
		const webp = Buffer.from(fixtures.lossyWebp);
		expect(sniffImage(Buffer.concat([Buffer.from('RIFX'), webp.subarray(4)]))).toBeUndefined();
		expect(
			sniffImage(Buffer.concat([webp.subarray(0, 8), Buffer.from('WAVE'), webp.subarray(12)])),
		).toBeUndefined();
		const gif = (version: string) =>
			Buffer.concat([Buffer.from(version), fixtures.gif.subarray(6)]);
		expect(sniffImage(gif('GIF87a'))).toEqual({ ...GIF, width: 32, height: 32 });
		expect(sniffImage(gif('GIF89a'))).toEqual({ ...GIF, width: 32, height: 32 });
		expect(sniffImage(gif('GIF88a'))).toBeUndefined();
	});

	it('WEBP: an unknown chunk, a VP8 frame without its start code, a VP8L without its signature: no size', () => {
		const change = (source: Buffer, offset: number, bytes: number[] | string) => {
			const copy = Buffer.from(source);
			if (typeof bytes === 'string') copy.write(bytes, offset, 'latin1');
			else Buffer.from(bytes).copy(copy, offset);
			return copy;
		};
		expect(sniffImage(change(fixtures.lossyWebp, 12, 'VP8Y'))).toEqual(WEBP);
		expect(sniffImage(change(fixtures.lossyWebp, 23, [0x9d, 0x01, 0x2b]))).toEqual(WEBP);
		expect(sniffImage(change(fixtures.lossyWebp, 23, [0x9c, 0x01, 0x2a]))).toEqual(WEBP);
		expect(sniffImage(change(fixtures.losslessWebp, 20, [0x2e]))).toEqual(WEBP);
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

// What an output file is typed as: its bytes when the sniffer reads them, else the declared
// format, but never a sniffable format the bytes failed to be.
describe('outputFileFormat', () => {
	const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>');

	it('reads the bytes first: a PNG is a PNG whatever the answer declares', () => {
		expect(outputFileFormat(fixtures.squarePng, 'svg')).toMatchObject({
			mimeType: 'image/png',
			extension: 'png',
		});
	});

	it.each([
		['svg', 'image/svg+xml', 'svg'],
		['SVG', 'image/svg+xml', 'svg'],
		['avif', 'image/avif', 'avif'],
	])('names unreadable bytes by a declared %s: %s, .%s', (declared, mimeType, extension) => {
		expect(outputFileFormat(svg, declared)).toEqual({ mimeType, extension });
	});

	it.each([
		['png', 'a format the sniffer reads, which the bytes failed to be'],
		['jpg', 'JPEG by its other name'],
		['gif', 'GIF'],
		[undefined, 'no declaration'],
		[42, 'a declaration that is not text'],
		['svg+xml', 'a name that is not a plain format name'],
		['../x', 'a path'],
		['x', 'a single letter'],
	])('refuses unreadable bytes declared as %p (%s)', (declared: unknown, _why: string) => {
		expect(outputFileFormat(svg, declared)).toBeUndefined();
	});

	it('refuses empty bytes whatever the declaration', () => {
		expect(outputFileFormat(Buffer.alloc(0), 'svg')).toBeUndefined();
	});
});

// How messages name an input: its size only when the header gave both edges.
describe('describeImage', () => {
	const png = { format: 'png' as const, mimeType: 'image/png', extension: 'png' };

	it('names the size, the format and the bytes', () => {
		expect(describeImage({ ...png, width: 64, height: 32 }, 2048)).toBe('64×32 PNG of 2.0 KB');
	});

	it.each([
		['no size', {}],
		['a width only', { width: 64 }],
		['a height only', { height: 32 }],
	])('leaves the size out for a header with %s', (_what, size) => {
		expect(describeImage({ ...png, ...size }, 100)).toBe('PNG of 100 B');
	});
});

describe('what bytes that are no image look like, in the message that refuses them', () => {
	it.each([
		['{"status":"ok"}', 'JSON text ("{\\"status\\":\\"ok\\"}")'],
		['  [1, 2]\n', 'JSON text ("[1, 2]")'],
		['<!doctype html><p>Sign in</p>', 'HTML or XML text ("<!doctype html><p>Sign in</p>")'],
		['<svg xmlns="http://www.w3.org/2000/svg"/>', 'an SVG vector image, which is not accepted'],
		['<?xml version="1.0"?>\n<svg/>', 'an SVG vector image, which is not accepted'],
		['hello', 'text ("hello")'],
		['x'.repeat(50), `text ("${'x'.repeat(40)}…")`],
	])('%j is %s', (text, described) => {
		expect(describeContent(Buffer.from(text))).toBe(described);
	});

	it('binary data of another kind shows its first 8 bytes', () => {
		expect(describeContent(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]))).toBe(
			'binary data of another kind (first bytes 1f 8b 08 00 00 00 00 00)',
		);
	});
});
