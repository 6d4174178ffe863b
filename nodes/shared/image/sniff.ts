import { formatBytes } from '../text';

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

export interface ImageInfo {
	format: ImageFormat;
	mimeType: string;
	extension: string;
	/** Undefined when the header is recognised but too short or corrupt to hold the size. */
	width?: number;
	height?: number;
	/** PNG only: whether it has an alpha channel (colour type 4 or 6) or a transparency chunk (tRNS). */
	alpha?: boolean;
}

export const IMAGE_FORMATS: Record<
	ImageFormat,
	{ mimeType: string; extension: string; label: string }
> = {
	png: { mimeType: 'image/png', extension: 'png', label: 'PNG' },
	jpeg: { mimeType: 'image/jpeg', extension: 'jpg', label: 'JPEG' },
	webp: { mimeType: 'image/webp', extension: 'webp', label: 'WEBP' },
	gif: { mimeType: 'image/gif', extension: 'gif', label: 'GIF' },
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

// Both read past the end of a short buffer as missing bytes, which match nothing.
function startsWith(buf: Uint8Array, bytes: number[], offset = 0): boolean {
	return bytes.every((b, i) => buf[offset + i] === b);
}

function ascii(buf: Uint8Array, offset: number, length: number): string {
	return String.fromCharCode(...buf.subarray(offset, offset + length));
}

function info(format: ImageFormat, width?: number, height?: number): ImageInfo {
	const valid = width !== undefined && height !== undefined && width > 0 && height > 0;
	return {
		format,
		mimeType: IMAGE_FORMATS[format].mimeType,
		extension: IMAGE_FORMATS[format].extension,
		...(valid ? { width, height } : {}),
	};
}

/** Colour types with an alpha channel: greyscale + alpha (4), RGBA (6). */
const PNG_ALPHA_TYPES = [4, 6];

/** Whether a tRNS chunk (transparency for palette, grey or RGB images) comes before the image data. */
function hasTransparencyChunk(buf: Buffer): boolean {
	for (let offset = 8; offset + 8 <= buf.length;) {
		const type = ascii(buf, offset + 4, 4);
		if (type === 'tRNS') return true;
		if (type === 'IDAT' || type === 'IEND') return false;
		offset += 12 + buf.readUInt32BE(offset);
	}
	return false;
}

function sniffPng(buf: Buffer): ImageInfo {
	// IHDR is always the first chunk: length(4) type(4) width(4) height(4) depth(1) colour type(1).
	if (buf.length < 24 || ascii(buf, 12, 4) !== 'IHDR') return info('png');
	const sized = info('png', buf.readUInt32BE(16), buf.readUInt32BE(20));
	if (buf.length < 26) return sized;
	return { ...sized, alpha: PNG_ALPHA_TYPES.includes(buf[25]) || hasTransparencyChunk(buf) };
}

function sniffGif(buf: Buffer): ImageInfo {
	if (buf.length < 10) return info('gif');
	return info('gif', buf.readUInt16LE(6), buf.readUInt16LE(8));
}

function sniffJpeg(buf: Buffer): ImageInfo {
	// Walk the marker segments until a start-of-frame marker, which holds the size.
	let offset = 2;
	while (offset + 4 <= buf.length) {
		if (buf[offset] !== 0xff) return info('jpeg');
		const marker = buf[offset + 1];
		if (marker === 0xff) {
			offset += 1; // fill byte
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			offset += 2; // markers without a length
			continue;
		}
		const length = buf.readUInt16BE(offset + 2);
		if (length < 2) return info('jpeg');
		const isStartOfFrame =
			marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
		if (isStartOfFrame) {
			if (offset + 9 > buf.length) return info('jpeg');
			return info('jpeg', buf.readUInt16BE(offset + 7), buf.readUInt16BE(offset + 5));
		}
		offset += 2 + length;
	}
	return info('jpeg');
}

function sniffWebp(buf: Buffer): ImageInfo {
	const chunk = ascii(buf, 12, 4);
	if (chunk === 'VP8 ') {
		// Lossy: key frame start code 9d 01 2a, then 14-bit width and height.
		if (buf.length < 30 || !startsWith(buf, [0x9d, 0x01, 0x2a], 23)) return info('webp');
		return info('webp', buf.readUInt16LE(26) & 0x3fff, buf.readUInt16LE(28) & 0x3fff);
	}
	if (chunk === 'VP8L') {
		// Lossless: signature 0x2f, then 14-bit (width - 1) and (height - 1), bit-packed.
		if (buf.length < 25 || buf[20] !== 0x2f) return info('webp');
		const bits = buf.readUInt32LE(21);
		return info('webp', (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
	}
	if (chunk === 'VP8X') {
		// Extended: 24-bit (canvas width - 1) and (canvas height - 1).
		if (buf.length < 30) return info('webp');
		return info('webp', buf.readUIntLE(24, 3) + 1, buf.readUIntLE(27, 3) + 1);
	}
	return info('webp');
}

/**
 * Recognises PNG, JPEG, WEBP and GIF from their first bytes and reads the pixel size from the
 * header, so inputs can be checked against an API's limits before anything is uploaded.
 * Returns undefined when the bytes are not one of those formats.
 */
export function sniffImage(buf: Buffer): ImageInfo | undefined {
	if (startsWith(buf, PNG_SIGNATURE)) return sniffPng(buf);
	if (startsWith(buf, [0xff, 0xd8, 0xff])) return sniffJpeg(buf);
	if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 4) === 'WEBP') return sniffWebp(buf);
	if (ascii(buf, 0, 6) === 'GIF87a' || ascii(buf, 0, 6) === 'GIF89a') return sniffGif(buf);
	return undefined;
}

/** How an output file is named and typed. */
export type OutputFileFormat = Pick<ImageInfo, 'mimeType' | 'extension' | 'width' | 'height'>;

/** Formats named but not sniffed, by the MIME type their name does not give. */
const DECLARED_MIME_TYPES: Record<string, string> = { svg: 'image/svg+xml' };
const FORMAT_NAME = /^[a-z][a-z0-9]{1,9}$/;
const SNIFFED_NAMES = new Set([...Object.keys(IMAGE_FORMATS), 'jpg']);

/**
 * The format of generated bytes: read from the bytes when the sniffer knows it; otherwise the
 * format the vendor declared (an SVG), but only one the sniffer does not know, so that bytes which
 * fail to be the PNG they claim to be are never labelled PNG.
 */
export function outputFileFormat(buf: Buffer, declared?: unknown): OutputFileFormat | undefined {
	const info = sniffImage(buf);
	if (info) return info;
	if (buf.length === 0 || typeof declared !== 'string') return undefined;
	const name = declared.toLowerCase();
	if (!FORMAT_NAME.test(name) || SNIFFED_NAMES.has(name)) return undefined;
	return { mimeType: DECLARED_MIME_TYPES[name] ?? `image/${name}`, extension: name };
}

/**
 * What bytes that are no image look like, for the message that refuses them: JSON, HTML or XML,
 * other text (quoted), or binary data of another kind (its first bytes).
 */
export function describeContent(head: Buffer): string {
	const text = head.subarray(0, 256).toString('utf8');
	// Printable text: no control characters but tab and line ends, no invalid UTF-8 (U+FFFD).
	const printable = [...text].every((char) => {
		const code = char.codePointAt(0) ?? 0;
		return code === 9 || code === 10 || code === 13 || (code >= 32 && code !== 0xfffd);
	});
	if (text.length > 0 && printable) {
		const start = text.trimStart();
		const quote = JSON.stringify(start.length > 40 ? `${start.slice(0, 40)}…` : start.trimEnd());
		if (/^[{[]/.test(start)) return `JSON text (${quote})`;
		if (/^<svg|^<\?xml[\s\S]*<svg/i.test(start))
			return 'an SVG vector image, which is not accepted';
		if (start.startsWith('<')) return `HTML or XML text (${quote})`;
		return `text (${quote})`;
	}
	const hex = head.subarray(0, 8).toString('hex').replace(/(..)/g, '$1 ').trim();
	return `binary data of another kind (first bytes ${hex})`;
}

export function describeImage(image: ImageInfo, bytes: number): string {
	const size = image.width && image.height ? `${image.width}×${image.height} ` : '';
	return `${size}${IMAGE_FORMATS[image.format].label} of ${formatBytes(bytes)}`;
}
