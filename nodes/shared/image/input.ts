import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { HttpClient } from '../http/client';
import type { ByteSource } from '../http/streamedJson';
import { truncate } from '../text';
import { decodeBase64 } from './base64';
import type { ImageInfo } from './sniff';
import { sniffImage } from './sniff';
import type { ImageRef } from './sources';
import { imageRefs } from './sources';

export interface InputImage extends ByteSource {
	/** Size of the file in bytes. */
	size: number;
	/** The first bytes (the whole file when it is small): enough to recognise it and read its size. */
	head: Buffer;
	/** Undefined when the bytes are not a recognised image; validation reports it. */
	info?: ImageInfo;
	/** File name without extension, used to name the output (e.g. "photo" for photo.jpg). */
	baseName: string;
	/** What the input said it is (a binary field's MIME type and file name, a URL's Content-Type). */
	declared?: { mimeType?: string; fileName?: string };
	/**
	 * The bytes in chunks, from the start on every call, so that a retried upload reads them again.
	 * A binary stored on disk is streamed and never held whole.
	 */
	chunks(): AsyncIterable<Buffer>;
	/** All the bytes at once, for uploads that need the whole file (multipart). */
	buffer(): Promise<Buffer>;
}

/** Enough for every header sniffImage reads, bar JPEGs with very large metadata (read whole then). */
const HEAD_BYTES = 256 * 1024;
/** What is kept of a stored image's first bytes once its header has been read. */
const KEPT_HEAD_BYTES = 1024;
/** A multiple of 3, so that each chunk base64-encodes on its own. */
const CHUNK_BYTES = 3 * 64 * 1024;

async function* bufferChunks(buffer: Buffer): AsyncGenerator<Buffer> {
	for (let offset = 0; offset < buffer.length; offset += CHUNK_BYTES) {
		yield buffer.subarray(offset, offset + CHUNK_BYTES);
	}
}

async function* storedChunks(ctx: IExecuteFunctions, id: string): AsyncGenerator<Buffer> {
	yield* await ctx.helpers.getBinaryStream(id, CHUNK_BYTES);
}

/** An image already in memory (downloaded, decoded from base64, or a binary in n8n's memory mode). */
function imageInMemory(
	buffer: Buffer,
	baseName: string,
	declared?: InputImage['declared'],
): InputImage {
	return {
		size: buffer.length,
		head: buffer.subarray(0, HEAD_BYTES),
		info: sniffImage(buffer),
		baseName,
		declared,
		chunks: () => bufferChunks(buffer),
		buffer: async () => buffer,
	};
}

async function readHead(stream: AsyncIterable<Buffer> & { destroy(): void }): Promise<Buffer> {
	const parts: Buffer[] = [];
	let length = 0;
	try {
		for await (const chunk of stream) {
			parts.push(chunk);
			length += chunk.length;
			if (length >= HEAD_BYTES) break;
		}
	} finally {
		stream.destroy();
	}
	return Buffer.concat(parts).subarray(0, HEAD_BYTES);
}

/**
 * A binary held by n8n's binary data service (filesystem mode, the default in n8n 2, or S3/database):
 * only its first bytes are read here; the upload streams the rest.
 */
async function storedBinaryImage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	binary: IBinaryData & { id: string },
): Promise<InputImage> {
	const id = binary.id;
	const size =
		typeof binary.bytes === 'number'
			? binary.bytes
			: (await ctx.helpers.getBinaryMetadata(id)).fileSize;
	const head = await readHead(await ctx.helpers.getBinaryStream(id, HEAD_BYTES));
	// A file no larger than its head has been read whole: no second read of the file.
	const declared = { mimeType: binary.mimeType, fileName: binary.fileName };
	if (head.length >= size) return imageInMemory(head, baseNameOf(binary.fileName), declared);
	let info = sniffImage(head);
	if (info?.format === 'jpeg' && !info.width) {
		// The frame header lies beyond the metadata read so far.
		info = sniffImage(await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName));
	}
	return {
		size,
		// A copy of its start, for messages: the 256 KB read for the header is not kept for every
		// image of an item until its upload.
		head: Buffer.from(head.subarray(0, KEPT_HEAD_BYTES)),
		info,
		baseName: baseNameOf(binary.fileName),
		declared,
		chunks: () => storedChunks(ctx, id),
		buffer: async () => await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName),
	};
}

/** A file name without its extension, made safe to name the output files after. */
export function baseNameOf(fileName: string | undefined): string {
	const name = (fileName ?? '').split(/[\\/]/).pop() ?? '';
	const withoutExt = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
	const safe = withoutExt.replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '');
	return safe || 'image';
}

/** Reads one image of an item (see sources.ts) from its binary field, its URL or its base64 text. */
export async function readImage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	ref: ImageRef,
	http: Pick<HttpClient, 'download'>,
): Promise<InputImage> {
	if (ref.source === 'url') {
		const url = ref.value;
		const label = ref.forWhat ? `${ref.name}` : 'Image URL';
		const file = await http.download(url, itemIndex, {
			label: `Item ${itemIndex}: ${label}`,
			source: ref.forWhat ? `Image URL download${ref.forWhat}` : 'Image URL download',
		});
		if (file.contentType?.startsWith('text/') && !sniffImage(file.buffer)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Item ${itemIndex}: ${label} answered with ${file.contentType}, not an image: ${truncate(url)}`,
				{
					itemIndex,
					description: 'Use the direct address of the image file, not of a web page showing it.',
				},
			);
		}
		return imageInMemory(file.buffer, baseNameOf(new URL(file.url).pathname), {
			mimeType: file.contentType,
		});
	}

	if (ref.source === 'base64') {
		const text = ref.value;
		const decoded = decodeBase64(text);
		if (!decoded) {
			const what = ref.forWhat ? `${capitalised(ref.name)}` : 'Image (Base64)';
			throw new NodeOperationError(
				ctx.getNode(),
				`Item ${itemIndex}: ${what} is not valid base64: "${truncate(text, 40)}"`,
				{
					itemIndex,
					description:
						'Give the image as base64 text (A–Z, a–z, 0–9, +, /, =) or as a data:image/...;base64, URL, without line noise.',
				},
			);
		}
		return imageInMemory(decoded.buffer, 'image');
	}

	const propertyName = ref.value;
	const item = ctx.getInputData()[itemIndex];
	if (!item?.binary?.[propertyName]) {
		const available = Object.keys(item?.binary ?? {});
		throw new NodeOperationError(
			ctx.getNode(),
			`Item ${itemIndex}: has no binary field "${propertyName}"${ref.forWhat}`,
			{
				itemIndex,
				description: available.length
					? `Its binary fields are: ${available.join(', ')}. Set ${ref.forWhat ? `the binary field${ref.forWhat}` : 'Input Binary Field'} to one of them.`
					: 'The item carries no binary data. Read the image first (e.g. with Read/Write Files from Disk or HTTP Request), or choose the URL or Base64 input source.',
			},
		);
	}
	const binary = ctx.helpers.assertBinaryData(itemIndex, propertyName);
	if (binary.id)
		return await storedBinaryImage(ctx, itemIndex, propertyName, { ...binary, id: binary.id });
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	return imageInMemory(buffer, baseNameOf(binary.fileName), {
		mimeType: binary.mimeType,
		fileName: binary.fileName,
	});
}

const capitalised = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`;

/** The item's one input image, for the APIs that take exactly one. */
export async function readInputImage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	http: Pick<HttpClient, 'download'>,
	modelName = 'This node',
): Promise<InputImage> {
	const [ref] = imageRefs(ctx, itemIndex, { modelName, min: 1, max: 1 });
	return await readImage(ctx, itemIndex, ref, http);
}
