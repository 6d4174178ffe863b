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

/**
 * The source's chunks, checking that exactly `size` bytes come: the Content-Length is sent before
 * them, so a file that changed while it was read must fail the upload, not corrupt it.
 */
export async function* exactChunks(bytes: ByteSource): AsyncGenerator<Buffer> {
	let read = 0;
	for await (const chunk of bytes.chunks()) {
		read += chunk.length;
		if (read > bytes.size)
			throw new Error(`the upload grew while it was being sent (${bytes.size} bytes announced)`);
		yield chunk;
	}
	if (read !== bytes.size)
		throw new Error(`the upload shrank while it was being sent (${read} of ${bytes.size} bytes)`);
}

/**
 * Each chunk is encoded in slices of this many bytes (a multiple of 3): their 64 KB base64 texts
 * are young-generation strings, collected as soon as they are sent. A text over V8's 128 KB
 * regular-object size goes to its large-object space, freed only by a full collection, and tens of
 * megabytes of them piled up while one 15 MB image was sent (P4, P10 in docs/benchmarks.md).
 */
const BASE64_SLICE_BYTES = 48 * 1024;

/** Base64 of the source, chunk by chunk. */
async function* base64Chunks(bytes: ByteSource): AsyncGenerator<Buffer> {
	let carry: Buffer = Buffer.alloc(0);
	for await (const chunk of exactChunks(bytes)) {
		const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
		const whole = data.length - (data.length % 3);
		for (let at = 0; at < whole; at += BASE64_SLICE_BYTES)
			yield Buffer.from(
				data.subarray(at, Math.min(at + BASE64_SLICE_BYTES, whole)).toString('base64'),
				'latin1',
			);
		carry = data.subarray(whole);
	}
	if (carry.length) yield Buffer.from(carry.toString('base64'), 'latin1');
}

async function* jsonParts(texts: Buffer[], sources: ByteSource[]): AsyncGenerator<Uint8Array> {
	for (const [index, text] of texts.entries()) {
		yield text;
		const bytes = sources[index];
		if (bytes) yield* base64Chunks(bytes);
	}
}

async function collect(parts: AsyncIterable<Uint8Array>): Promise<ArrayBuffer> {
	const buffers: Uint8Array[] = [];
	for await (const part of parts) buffers.push(part);
	const whole = Buffer.concat(buffers);
	return whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength) as ArrayBuffer;
}

/**
 * Stands for the bytes' base64 text inside a string of the document given to
 * jsonWithStreamedBase64, alone (`{file: BASE64_BYTES}`) or within text (a data: URL); once per
 * image, the images taking the places in the order of the document's text.
 */
export const BASE64_BYTES = '\u0000base64-bytes\u0000';
const MARKER_IN_JSON = JSON.stringify(BASE64_BYTES).slice(1, -1);

/** A body that is produced while it is sent, re-produced from the start for each attempt. */
export function streamedBody(
	type: string,
	size: number,
	stream: () => AsyncIterable<Uint8Array>,
): StreamedBody {
	return {
		[Symbol.toStringTag]: 'Blob',
		size,
		type,
		stream,
		arrayBuffer: async () => await collect(stream()),
	};
}

/**
 * The JSON `document` with each image's base64 text where BASE64_BYTES stands, encoded while it
 * is sent: neither the base64 text nor the JSON document is ever held whole, and the images are
 * read one after another, so a large upload costs a few chunks of memory instead of four copies
 * of each image.
 */
export function jsonWithStreamedBase64(
	document: IDataObject,
	images: ByteSource | ByteSource[],
): StreamedBody {
	const sources = Array.isArray(images) ? images : [images];
	const texts = JSON.stringify(document)
		.split(MARKER_IN_JSON)
		.map((text) => Buffer.from(text));
	if (texts.length !== sources.length + 1)
		throw new Error(
			`jsonWithStreamedBase64: the document must hold BASE64_BYTES once per image (${sources.length})`,
		);
	const size =
		texts.reduce((sum, text) => sum + text.length, 0) +
		sources.reduce((sum, bytes) => sum + base64Length(bytes.size), 0);
	return streamedBody('application/json', size, () => jsonParts(texts, sources));
}
