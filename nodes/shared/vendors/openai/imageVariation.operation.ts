import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ImageOperation } from '../../run/execute';
import { apiRequest } from '../../http/apiRequest';
import { invalidResponseError } from '../../http/vendorError';
import { decodeBase64 } from '../../image/base64';
import { imageInputProperties, readInputImage } from '../../image/input';
import { imageOutputItem, outputBinaryProperty } from '../../image/output';
import { downloadGeneratedImages } from '../../image/resultDownloads';
import { sniffImage } from '../../image/sniff';
import { validateImage } from '../../image/validate';
import { optionsCollection } from '../../run/options';
import type { Choice } from '../../parameters';
import { choiceOptions, choiceParameter, choiceValues, parameterError, textParameter } from '../../parameters';
import { checkedBaseUrl } from '../../http/baseUrl';
import { asObject, asString } from '../../text';
import { OPENAI_CREDENTIAL, openAiVendor } from './errors';

const SIZES: ReadonlyArray<Choice> = [
	['256x256', '256x256'],
	['512x512', '512x512'],
	['1024x1024', '1024x1024'],
];
const RESPONSE_FORMATS: ReadonlyArray<Choice> = [
	['Base64', 'b64_json', 'The image comes back in the response (b64_json); no second download'],
	['URL', 'url', 'The API returns URLs valid for 60 minutes; the node downloads them unless told not to'],
];

export const properties: INodeProperties[] = [
	...imageInputProperties,
	{
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: 'dall-e-2',
		required: true,
		description:
			'Model name as the host knows it. OpenAI itself removed dall-e-2 in 2026; gateways may use other names.',
	},
	{
		displayName: 'Number of Images',
		name: 'n',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10, numberPrecision: 0 },
		default: 1,
		description: 'How many variations to generate (1 to 10); each becomes one output item',
	},
	{
		displayName: 'Size',
		name: 'size',
		type: 'options',
		options: choiceOptions(SIZES),
		default: '1024x1024',
	},
	{
		displayName: 'Response Format',
		name: 'responseFormat',
		type: 'options',
		options: choiceOptions(RESPONSE_FORMATS),
		default: 'b64_json',
	},
	{
		displayName: 'User',
		name: 'user',
		type: 'string',
		default: '',
		description: 'Optional ID of your end user, which helps the provider detect abuse',
	},
	outputBinaryProperty,
	optionsCollection(120_000, [
			{
				displayName: 'Download URL Results',
				name: 'downloadUrlResults',
				type: 'boolean',
				default: true,
				description:
					'Whether to download images returned as URLs into binary data; off outputs only the URLs (valid for 60 minutes)',
			},
		]),
];

interface VariationParameters {
	model: string;
	n: number;
	size: string;
	responseFormat: string;
	user?: string;
}

function readParameters(ctx: IExecuteFunctions, itemIndex: number): VariationParameters {
	const model = textParameter(ctx, itemIndex, 'model', 'Model', { requiredFix: 'Set Model, e.g. dall-e-2.' });
	const n = ctx.getNodeParameter('n', itemIndex, 1) as unknown;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 10) {
		parameterError(ctx, itemIndex, `Number of Images must be a whole number from 1 to 10, but is ${JSON.stringify(n)}`, 'Set Number of Images between 1 and 10.');
	}
	const size = choiceParameter(ctx, itemIndex, 'size', 'Size', choiceValues(SIZES), '1024x1024');
	const responseFormat = choiceParameter(ctx, itemIndex, 'responseFormat', 'Response Format', choiceValues(RESPONSE_FORMATS), 'b64_json');
	const user = textParameter(ctx, itemIndex, 'user', 'User');
	return { model, n, size, responseFormat, ...(user ? { user } : {}) };
}

export const operation: ImageOperation<{ url: string }> = {
	credentialType: OPENAI_CREDENTIAL,
	defaultTimeoutMs: 120_000,

	async prepare(ctx, _settings, credentials) {
		return { url: `${checkedBaseUrl(ctx, credentials.baseUrl, 'OpenAI-Compatible Images')}/images/variations` };
	},

	async executeItem(ctx, itemIndex, { url }, settings): Promise<INodeExecutionData[]> {
		const params = readParameters(ctx, itemIndex);
		const outputProperty = ctx.getNodeParameter('outputBinaryPropertyName', itemIndex) as string;
		const input = await readInputImage(ctx, itemIndex, {
			maxDownloadBytes: settings.maxDownloadBytes,
			retry: { retry: settings.retry, timeoutMs: settings.timeoutMs },
		});
		// "Must be a valid PNG file, less than 4MB, and square."
		validateImage(ctx, itemIndex, input, {
			apiName: 'OpenAI image variations',
			formats: ['png'],
			maxBytes: 4 * 1024 * 1024,
			maxBytesExclusive: true,
			square: true,
		});

		// The API takes under 4 MB, checked above, so the whole file is read.
		const bytes = await input.buffer();
		const form = new FormData();
		form.append('image', new Blob([new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength)], {
			type: 'image/png',
		}), `${input.baseName}.png`);
		form.append('model', params.model);
		form.append('n', String(params.n));
		form.append('size', params.size);
		form.append('response_format', params.responseFormat);
		if (params.user) form.append('user', params.user);

		const response = await apiRequest(ctx, {
			credentialType: OPENAI_CREDENTIAL,
			method: 'POST',
			url,
			body: form,
			timeoutMs: settings.timeoutMs,
			retry: settings.retry,
			gate: settings.gate,
			vendor: openAiVendor,
			itemIndex,
		});
		const body = asObject(response.body);
		const data = body.data;
		if (!Array.isArray(data) || data.length === 0) {
			const problem = typeof response.body === 'string' ? 'the body is not JSON' : 'it has no data array';
			throw invalidResponseError(ctx, openAiVendor, problem, itemIndex, response.statusCode);
		}
		const requestId = response.headers['x-request-id'];
		const baseJson = (entry: IDataObject, index: number): IDataObject => ({
			index,
			model: params.model,
			size: params.size,
			...(typeof body.created === 'number' ? { created: body.created } : {}),
			...(asString(entry.revised_prompt) ? { revised_prompt: entry.revised_prompt } : {}),
			...(typeof requestId === 'string' ? { requestId } : {}),
		});
		const fileBaseName = `${input.baseName}-variation`;

		if (params.responseFormat === 'b64_json') {
			return await Promise.all(
				data.map(async (raw, index) => {
					const entry = asObject(raw);
					const decoded = decodeBase64(asString(entry.b64_json) ?? '');
					const info = decoded && sniffImage(decoded.buffer);
					if (!decoded || !info) {
						const problem = decoded ? `data[${index}].b64_json is not an image` : `data[${index}].b64_json is missing or not valid base64`;
						throw invalidResponseError(ctx, openAiVendor, problem, itemIndex, response.statusCode);
					}
					return await imageOutputItem(ctx, itemIndex, outputProperty, {
						buffer: decoded.buffer,
						info,
						fileBaseName: data.length > 1 ? `${fileBaseName}-${index + 1}` : fileBaseName,
						json: baseJson(entry, index),
					});
				}),
			);
		}

		const images = data.map((raw, index) => {
			const entry = asObject(raw);
			const imageUrl = asString(entry.url);
			if (!imageUrl) throw invalidResponseError(ctx, openAiVendor, `data[${index}].url is missing`, itemIndex, response.statusCode);
			return { url: imageUrl, json: baseJson(entry, index) };
		});
		if (settings.raw.downloadUrlResults === false) {
			return images.map((image) => ({ json: { ...image.json, url: image.url }, pairedItem: { item: itemIndex } }));
		}
		return await downloadGeneratedImages(ctx, itemIndex, images, {
			vendorName: 'OpenAI',
			fileBaseName,
			outputProperty,
			download: { retry: settings.retry, timeoutMs: settings.timeoutMs, maxBytes: settings.maxDownloadBytes },
		});
	},
};
