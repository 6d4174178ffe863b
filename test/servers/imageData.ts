import { imageSize } from 'image-size';

import { fixtures, makePng, solidJpeg, solidWebp } from '../fixtures/images';

export interface ServerImageInfo {
	format: 'png' | 'jpeg' | 'webp' | 'gif';
	width: number;
	height: number;
}

const FORMATS: Record<string, ServerImageInfo['format']> = {
	png: 'png',
	jpg: 'jpeg',
	webp: 'webp',
	gif: 'gif',
};

/**
 * What a vendor's server makes of uploaded bytes, decided by an independent decoder (image-size),
 * never by the package's own sniffer: a sniffer bug must not be mirrored on both sides of a test.
 * Undefined for anything that is not a whole PNG, JPEG, WEBP or GIF header.
 */
export function serverImageInfo(bytes: Buffer): ServerImageInfo | undefined {
	try {
		const { type, width, height } = imageSize(bytes);
		const format = type ? FORMATS[type] : undefined;
		return format && width && height ? { format, width, height } : undefined;
	} catch {
		return undefined;
	}
}

const STRICT_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 as the vendors validate it (no data: prefix, no stray characters). */
export function decodeStrictBase64(value: unknown): Buffer | undefined {
	if (typeof value !== 'string' || value.length === 0 || value.length % 4 !== 0) return undefined;
	if (!STRICT_BASE64.test(value)) return undefined;
	return Buffer.from(value, 'base64');
}

/** A real generated image in the requested format, of the given size (PNGs at most 512 × 512). */
export function generatedImage(
	format: 'png' | 'jpeg' | 'webp' | 'gif' | 'svg',
	width = 64,
	height = 64,
	seed = 1,
): Buffer {
	// A JPEG of the size asked for, in a grey of the seed's (a few bytes per 8 × 8 block).
	if (format === 'jpeg')
		return solidJpeg(
			Math.max(1, Math.round(width)),
			Math.max(1, Math.round(height)),
			40 + ((seed * 53) % 180),
		);
	// A WEBP of the size asked for, in a colour of the seed's (any size costs a few dozen bytes).
	if (format === 'webp')
		return solidWebp(Math.max(1, Math.round(width)), Math.max(1, Math.round(height)), [
			(seed * 67) % 256,
			(seed * 131) % 256,
			(seed * 29) % 256,
		]);
	if (format === 'gif') return fixtures.gif;
	if (format === 'svg')
		return Buffer.from(
			`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#${(seed * 0x203040).toString(16).padStart(6, '0').slice(-6)}"/></svg>`,
		);
	return makePng(Math.min(width, 512), Math.min(height, 512), seed);
}

/** What a vendor fetches for an image URL it is given: the bytes, or undefined when it cannot. */
export async function fetchBytes(url: string): Promise<Buffer | undefined> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
		return response.ok ? Buffer.from(await response.arrayBuffer()) : undefined;
	} catch {
		return undefined;
	}
}
