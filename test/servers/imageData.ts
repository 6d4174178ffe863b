import { fixtures, makePng } from '../fixtures/images';
import { sniffImage } from '../../nodes/shared/image/sniff';

export { sniffImage };

const STRICT_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 as the vendors validate it (no data: prefix, no stray characters). */
export function decodeStrictBase64(value: unknown): Buffer | undefined {
	if (typeof value !== 'string' || value.length === 0 || value.length % 4 !== 0) return undefined;
	if (!STRICT_BASE64.test(value)) return undefined;
	return Buffer.from(value, 'base64');
}

/** A real generated image in the requested format. PNGs take the given size. */
export function generatedImage(format: 'png' | 'jpeg' | 'webp', width = 64, height = 64, seed = 1): Buffer {
	if (format === 'jpeg') return fixtures.photoJpeg;
	if (format === 'webp') return fixtures.lossyWebp;
	return makePng(Math.min(width, 512), Math.min(height, 512), seed);
}
