import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RetryContext } from '../http/apiRequest';
import { downloadAdapter, downloadFile, truncate } from '../http/download';
import { textParameter } from '../parameters';
import { decodeBase64 } from './base64';
import type { ImageInfo } from './sniff';
import { sniffImage } from './sniff';

export type InputSource = 'binary' | 'url' | 'base64';

/** Parameters that choose where the input image comes from. Shared by every node. */
export const imageInputProperties: INodeProperties[] = [
	{
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
	},
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

export interface InputImage {
	buffer: Buffer;
	/** Undefined when the bytes are not a recognised image; validation reports it. */
	info?: ImageInfo;
	/** File name without extension, used to name the output (e.g. "photo" for photo.jpg). */
	baseName: string;
	source: InputSource;
}

function baseNameOf(fileName: string | undefined): string {
	const name = (fileName ?? '').split(/[\\/]/).pop() ?? '';
	const withoutExt = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
	const safe = withoutExt.replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '');
	return safe || 'image';
}

export interface InputOptions {
	/** Largest input accepted from a URL; bigger downloads are cut off. */
	maxDownloadBytes: number;
	retry: Omit<RetryContext, 'vendor' | 'itemIndex'>;
}

function requiredText(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string): string {
	return textParameter(ctx, itemIndex, name, label, { requiredFix: `Fill in ${label}, or choose another Input Image Source.` });
}

/** Reads the item's input image from its binary field, a URL or base64 text. */
export async function readInputImage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: InputOptions,
): Promise<InputImage> {
	const source = ctx.getNodeParameter('inputSource', itemIndex, 'binary') as InputSource;

	if (source === 'url') {
		const url = requiredText(ctx, itemIndex, 'imageUrl', 'Image URL');
		const file = await downloadFile(ctx, url, {
			...options.retry,
			vendor: downloadAdapter('Image URL download'),
			itemIndex,
			maxBytes: options.maxDownloadBytes,
			label: `Item ${itemIndex}: Image URL`,
		});
		if (file.contentType?.startsWith('text/') && !sniffImage(file.buffer)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Item ${itemIndex}: Image URL answered with ${file.contentType}, not an image: ${truncate(url)}`,
				{ itemIndex, description: 'Use the direct address of the image file, not of a web page showing it.' },
			);
		}
		const path = new URL(file.url).pathname;
		return { buffer: file.buffer, info: sniffImage(file.buffer), baseName: baseNameOf(path), source };
	}

	if (source === 'base64') {
		const text = requiredText(ctx, itemIndex, 'imageBase64', 'Image (Base64)');
		const decoded = decodeBase64(text);
		if (!decoded) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Item ${itemIndex}: Image (Base64) is not valid base64: "${truncate(text.trim(), 40)}"`,
				{
					itemIndex,
					description:
						'Give the image as base64 text (A–Z, a–z, 0–9, +, /, =) or as a data:image/...;base64, URL, without line noise.',
				},
			);
		}
		return { buffer: decoded.buffer, info: sniffImage(decoded.buffer), baseName: 'image', source };
	}

	const propertyName = requiredText(ctx, itemIndex, 'binaryPropertyName', 'Input Binary Field');
	const item = ctx.getInputData()[itemIndex];
	if (!item?.binary?.[propertyName]) {
		const available = Object.keys(item?.binary ?? {});
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: has no binary field "${propertyName}"`, {
			itemIndex,
			description: available.length
				? `Its binary fields are: ${available.join(', ')}. Set Input Binary Field to one of them.`
				: 'The item carries no binary data. Read the image first (e.g. with Read/Write Files from Disk or HTTP Request), or choose the URL or Base64 input source.',
		});
	}
	const binary = ctx.helpers.assertBinaryData(itemIndex, propertyName);
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	return { buffer, info: sniffImage(buffer), baseName: baseNameOf(binary.fileName), source: 'binary' };
}
