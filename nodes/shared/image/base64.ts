const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)?(;[\w-]+=[^;,]*)*;base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

export interface DecodedBase64 {
	buffer: Buffer;
	/** MIME type named by a data: URL prefix, if there was one. */
	declaredMimeType?: string;
}

/**
 * Decodes standard or URL-safe base64, optionally as a data: URL. Node's decoder silently skips
 * invalid characters, so the text is checked first: garbage yields undefined, not random bytes.
 */
export function decodeBase64(value: string): DecodedBase64 | undefined {
	let text = value.trim();
	let declaredMimeType: string | undefined;
	const dataUrl = DATA_URL.exec(text);
	if (dataUrl) {
		declaredMimeType = dataUrl[1]?.toLowerCase();
		text = text.slice(dataUrl[0].length);
	}
	text = text.replace(/\s+/g, '');
	if (!text || text.length % 4 === 1) return undefined;
	if (!BASE64.test(text) && !BASE64URL.test(text)) return undefined;
	return {
		buffer: Buffer.from(text, BASE64.test(text) ? 'base64' : 'base64url'),
		declaredMimeType,
	};
}
