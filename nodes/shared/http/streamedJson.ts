import type { IDataObject } from 'n8n-workflow';

/** Bytes of a known size, readable from the start as often as needed (an upload is re-read on retry). */
export interface ByteSource {
	size: number;
	chunks(): AsyncIterable<Buffer>;
}

/**
 * A request body that is produced while it is sent. It has the shape of a Blob (size, type,
 * stream()), which n8n's HTTP helpers pass to axios as is and axios sends with a Content-Length,
 * reading stream() afresh for every attempt. Community nodes may not import node:stream, so a
 * Blob-like object is the way to hand over a body without holding it whole.
 */
export interface StreamedBody {
	readonly [Symbol.toStringTag]: 'Blob';
	readonly size: number;
	readonly type: string;
	stream(): AsyncIterable<Uint8Array>;
	arrayBuffer(): Promise<ArrayBuffer>;
}

/** How many characters the base64 text of `bytes` bytes takes. */
export function base64Length(bytes: number): number {
	return 4 * Math.ceil(bytes / 3);
}

/** Base64 of the chunks, chunk by chunk, checking that exactly `size` bytes come. */
async function* base64Chunks(chunks: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
	let carry: Buffer = Buffer.alloc(0);
	let read = 0;
	for await (const chunk of chunks) {
		read += chunk.length;
		// More bytes than announced would overrun the Content-Length already sent.
		if (read > size)
			throw new Error(`the upload grew while it was being sent (${size} bytes announced)`);
		const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
		const whole = data.length - (data.length % 3);
		if (whole) yield Buffer.from(data.subarray(0, whole).toString('base64'), 'latin1');
		carry = data.subarray(whole);
	}
	if (carry.length) yield Buffer.from(carry.toString('base64'), 'latin1');
	if (read !== size)
		throw new Error(`the upload shrank while it was being sent (${read} of ${size} bytes)`);
}

async function* jsonParts(
	prefix: Buffer,
	bytes: ByteSource,
	suffix: Buffer,
): AsyncGenerator<Uint8Array> {
	yield prefix;
	yield* base64Chunks(bytes.chunks(), bytes.size);
	yield suffix;
}

async function collect(parts: AsyncIterable<Uint8Array>): Promise<ArrayBuffer> {
	const buffers: Uint8Array[] = [];
	for await (const part of parts) buffers.push(part);
	const whole = Buffer.concat(buffers);
	return whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength) as ArrayBuffer;
}

/**
 * Stands for the bytes' base64 text inside a string of the document given to
 * jsonWithStreamedBase64, alone (`{file: BASE64_BYTES}`) or within text (a data: URL).
 */
export const BASE64_BYTES = '\u0000base64-bytes\u0000';
const MARKER_IN_JSON = JSON.stringify(BASE64_BYTES).slice(1, -1);

/**
 * The JSON `document` with the bytes' base64 text where BASE64_BYTES stands, encoded while it is
 * sent: neither the base64 text nor the JSON document is ever held whole, so a large upload costs
 * a few chunks of memory instead of four copies of itself.
 */
export function jsonWithStreamedBase64(document: IDataObject, bytes: ByteSource): StreamedBody {
	const text = JSON.stringify(document);
	const at = text.indexOf(MARKER_IN_JSON);
	if (at < 0 || text.includes(MARKER_IN_JSON, at + 1))
		throw new Error('jsonWithStreamedBase64: the document must hold BASE64_BYTES exactly once');
	const prefix = Buffer.from(text.slice(0, at));
	const suffix = Buffer.from(text.slice(at + MARKER_IN_JSON.length));
	const size = prefix.length + base64Length(bytes.size) + suffix.length;

	const stream = () => jsonParts(prefix, bytes, suffix);
	return {
		[Symbol.toStringTag]: 'Blob',
		size,
		type: 'application/json',
		stream,
		arrayBuffer: async () => await collect(stream()),
	};
}
