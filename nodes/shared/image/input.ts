import type { IBinaryData, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { HttpClient } from '../http/client';
import { parseHttpUrl } from '../http/httpUrl';
import type { ByteSource } from '../http/streamedJson';
import { truncate } from '../text';
import { textParameter } from '../parameters';
import { decodeBase64 } from './base64';
import type { ImageInfo } from './sniff';
import { sniffImage } from './sniff';

export type InputSource = 'binary' | 'url' | 'base64';

const inputSourceProperty: INodeProperties = {
	displayName: 'Input Image Source',
	name: 'inputSource',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Binary File',
			value: 'binary',
			description: 'An image in a binary field of the input item',
		},
		{
			name: 'URL',
			value: 'url',
			description: 'An http(s) address the image is downloaded from',
		},
		{
			name: 'Base64',
			value: 'base64',
			description: 'Base64 text or a data: URL (useful when the node is used as an AI tool)',
		},
	],
	default: 'binary',
};

/** The item's input source: one of the list, since the dropdown takes no expression. */
function inputSource(ctx: IExecuteFunctions, itemIndex: number): InputSource {
	return ctx.getNodeParameter(
		inputSourceProperty.name,
		itemIndex,
		inputSourceProperty.default,
	) as InputSource;
}

/** Parameters that choose where the input image comes from. Shared by every node. */
export const imageInputProperties: INodeProperties[] = [
	inputSourceProperty,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { inputSource: ['binary'] } },
		hint: 'The name of the input binary field containing the image',
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/photo.png',
		displayOptions: { show: { inputSource: ['url'] } },
		description: 'Address of the image to download (http or https)',
	},
	{
		displayName: 'Image (Base64)',
		name: 'imageBase64',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'iVBORw0KGgo... or data:image/png;base64,iVBORw0KGgo...',
		displayOptions: { show: { inputSource: ['base64'] } },
		description: 'The image as base64 text, with or without a data: URL prefix',
	},
];

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
		head,
		info,
		baseName: baseNameOf(binary.fileName),
		declared,
		chunks: () => storedChunks(ctx, id),
		buffer: async () => await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName),
	};
}

function baseNameOf(fileName: string | undefined): string {
	const name = (fileName ?? '').split(/[\\/]/).pop() ?? '';
	const withoutExt = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
	const safe = withoutExt.replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '');
	return safe || 'image';
}

function requiredText(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	return textParameter(ctx, itemIndex, name, label, {
		requiredFix: `Fill in ${label}, or choose another Input Image Source.`,
	});
}

/** The whole input as a Blob of its type, for a multipart file part (the one upload held whole). */
export async function inputBlob(input: InputImage, type: string): Promise<Blob> {
	const bytes = await input.buffer();
	return new Blob(
		[new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength)],
		{ type },
	);
}

/**
 * The item's Image URL, checked but not downloaded, when its input source is URL: for APIs that
 * fetch the image themselves. Undefined for the other sources.
 */
export function inputImageUrl(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { url: string; baseName: string } | undefined {
	if (inputSource(ctx, itemIndex) !== 'url') return undefined;
	const text = requiredText(ctx, itemIndex, 'imageUrl', 'Image URL');
	const url = parseHttpUrl(ctx, text, itemIndex, `Item ${itemIndex}: Image URL`);
	return { url: url.toString(), baseName: baseNameOf(url.pathname) };
}

/** Reads the item's input image from its binary field, a URL or base64 text. */
export async function readInputImage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	http: Pick<HttpClient, 'download'>,
): Promise<InputImage> {
	const source = inputSource(ctx, itemIndex);

	if (source === 'url') {
		const url = requiredText(ctx, itemIndex, 'imageUrl', 'Image URL');
		const file = await http.download(url, itemIndex, {
			label: `Item ${itemIndex}: Image URL`,
			source: 'Image URL download',
		});
		if (file.contentType?.startsWith('text/') && !sniffImage(file.buffer)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Item ${itemIndex}: Image URL answered with ${file.contentType}, not an image: ${truncate(url)}`,
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

	if (source === 'base64') {
		const text = requiredText(ctx, itemIndex, 'imageBase64', 'Image (Base64)');
		const decoded = decodeBase64(text);
		if (!decoded) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Item ${itemIndex}: Image (Base64) is not valid base64: "${truncate(text, 40)}"`,
				{
					itemIndex,
					description:
						'Give the image as base64 text (A–Z, a–z, 0–9, +, /, =) or as a data:image/...;base64, URL, without line noise.',
				},
			);
		}
		return imageInMemory(decoded.buffer, 'image');
	}

	const propertyName = requiredText(ctx, itemIndex, 'binaryPropertyName', 'Input Binary Field');
	const item = ctx.getInputData()[itemIndex];
	if (!item?.binary?.[propertyName]) {
		const available = Object.keys(item?.binary ?? {});
		throw new NodeOperationError(
			ctx.getNode(),
			`Item ${itemIndex}: has no binary field "${propertyName}"`,
			{
				itemIndex,
				description: available.length
					? `Its binary fields are: ${available.join(', ')}. Set Input Binary Field to one of them.`
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
