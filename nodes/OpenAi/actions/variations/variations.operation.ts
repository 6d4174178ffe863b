import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { ApiResponse } from '../../../shared/http/client';
import { invalidResponseError } from '../../../shared/http/vendorError';
import { imageFromAnswer } from '../../../shared/image/answerImage';
import type { StreamedBody } from '../../../shared/http/streamedJson';
import { multipartWithStreamedFiles } from '../../../shared/http/streamedMultipart';
import type { InputImage } from '../../../shared/image/input';
import { readInputImage } from '../../../shared/image/input';
import { imageOutputItem, outputBinaryField } from '../../../shared/image/output';
import { generatedImageItems } from '../../../shared/image/resultDownloads';
import { validateImage } from '../../../shared/image/validate';
import type { Choice } from '../../../shared/parameters';
import {
	choiceOptions,
	choiceParameter,
	choiceValues,
	textParameter,
} from '../../../shared/parameters';
import type { OptionSpecs } from '../../../shared/run/optionSpecs';
import type { ImageOperation, OperationRun } from '../../../shared/run/runner';
import { asObject, asString } from '../../../shared/text';
import {
	OPENAI_CREDENTIAL,
	OPENAI_TIMEOUT_MS,
	openAiBaseUrl,
	openAiVendor,
} from '../../transport/api';
import {
	answerData,
	DOWNLOAD_URL_RESULTS,
	numberOfImages,
	revisedPrompt,
	userParameter,
} from '../common';

// API "Variations (DALL·E 2, for gateways)": POST /images/variations as the seed contract has it.

const SIZES: ReadonlyArray<Choice> = [
	['256x256', '256x256'],
	['512x512', '512x512'],
	['1024x1024', '1024x1024'],
];
const RESPONSE_FORMATS: ReadonlyArray<Choice> = [
	['Base64', 'b64_json', 'The image comes back in the response (b64_json); no second download'],
	[
		'URL',
		'url',
		'The API returns URLs valid for 60 minutes; the node downloads them unless told not to',
	],
];

const variationsOnly = { show: { api: ['variations'] } };

/** The Variations API's entries of the Options collection. */
export const VARIATION_OPTIONS = { downloadUrlResults: DOWNLOAD_URL_RESULTS } satisfies OptionSpecs;

/** The Variations API's parameters that the Edits API does not share (Number of Images and User it does). */
export const modelProperty: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'string',
	default: 'dall-e-2',
	required: true,
	displayOptions: variationsOnly,
	description:
		'Model name as the host knows it. OpenAI itself removed dall-e-2 in 2026; gateways may use other names.',
};

const sizeProperty: INodeProperties = {
	displayName: 'Size',
	name: 'size',
	type: 'options',
	options: choiceOptions(SIZES),
	default: '1024x1024',
	displayOptions: variationsOnly,
};

const responseFormatProperty: INodeProperties = {
	displayName: 'Response Format',
	name: 'responseFormat',
	type: 'options',
	options: choiceOptions(RESPONSE_FORMATS),
	default: 'b64_json',
	displayOptions: variationsOnly,
};

export const variationProperties: INodeProperties[] = [sizeProperty, responseFormatProperty];

interface VariationParameters {
	model: string;
	n: number;
	size: string;
	responseFormat: string;
	user?: string;
}

function readParameters(ctx: IExecuteFunctions, itemIndex: number): VariationParameters {
	const model = textParameter(ctx, itemIndex, 'model', 'Model', {
		requiredFix: 'Set Model, e.g. dall-e-2.',
	});
	const n = numberOfImages(ctx, itemIndex);
	const size = choiceParameter(ctx, itemIndex, sizeProperty, choiceValues(SIZES));
	const responseFormat = choiceParameter(
		ctx,
		itemIndex,
		responseFormatProperty,
		choiceValues(RESPONSE_FORMATS),
	);
	const user = userParameter(ctx, itemIndex);
	return { model, n, size, responseFormat, ...(user ? { user } : {}) };
}

/** The multipart body: the parameters the user set, and the image, streamed. */
function variationForm(input: InputImage, params: VariationParameters): StreamedBody {
	return multipartWithStreamedFiles(
		[
			['model', params.model],
			['n', String(params.n)],
			['size', params.size],
			['response_format', params.responseFormat],
			...(params.user ? [['user', params.user] as const] : []),
		],
		[{ name: 'image', fileName: `${input.baseName}.png`, type: 'image/png', bytes: input }],
	);
}

/** The answer's `data` entries, each with the JSON its output item carries. */
function answerEntries(
	ctx: IExecuteFunctions,
	itemIndex: number,
	response: ApiResponse,
	params: VariationParameters,
) {
	const entries = answerData(ctx, itemIndex, response, openAiVendor);
	const created = asObject(response.body).created;
	const requestId = response.headers['x-request-id'];
	return entries.map((entry, index) => {
		const json: IDataObject = {
			index,
			model: params.model,
			size: params.size,
			...(typeof created === 'number' ? { created } : {}),
			...revisedPrompt(entry),
			...(typeof requestId === 'string' ? { requestId } : {}),
		};
		return { entry, json };
	});
}

type VariationsRun = OperationRun<typeof VARIATION_OPTIONS>;

export const variationsOperation: ImageOperation<typeof VARIATION_OPTIONS> = {
	credential: OPENAI_CREDENTIAL,
	vendor: openAiVendor,
	defaultTimeoutMs: OPENAI_TIMEOUT_MS,
	nodeOptions: VARIATION_OPTIONS,
	baseUrl: openAiBaseUrl,

	async execute(ctx, itemIndex, { http, options }: VariationsRun): Promise<INodeExecutionData[]> {
		const params = readParameters(ctx, itemIndex);
		const outputProperty = outputBinaryField(ctx, itemIndex);
		const input = await readInputImage(ctx, itemIndex, http, 'OpenAI image variations');
		// "Must be a valid PNG file, less than 4MB, and square."
		validateImage(ctx, itemIndex, input, {
			apiName: 'OpenAI image variations',
			formats: ['png'],
			maxBytes: 4 * 1024 * 1024,
			maxBytesExclusive: true,
			square: true,
		});

		const response = await http.post(
			'/images/variations',
			variationForm(input, params),
			itemIndex,
			'paid',
		);
		const entries = answerEntries(ctx, itemIndex, response, params);
		const fileBaseName = `${input.baseName}-variation`;
		const nameOf = (index: number) =>
			entries.length > 1 ? `${fileBaseName}-${index + 1}` : fileBaseName;

		if (params.responseFormat === 'b64_json') {
			return await Promise.all(
				entries.map(async ({ entry, json }, index) => {
					const where = {
						vendor: openAiVendor,
						field: `data[${index}].b64_json`,
						itemIndex,
						statusCode: response.statusCode,
					};
					const image = imageFromAnswer(ctx, entry.b64_json, where);
					return await imageOutputItem(ctx, itemIndex, outputProperty, {
						...image,
						fileBaseName: nameOf(index),
						json,
					});
				}),
			);
		}
		const images = entries.map(({ entry, json }, index) => {
			const url = asString(entry.url);
			if (!url)
				throw invalidResponseError(
					ctx,
					openAiVendor,
					`data[${index}].url is missing`,
					itemIndex,
					response.statusCode,
				);
			// "URLs are only valid for 60 minutes after the image has been generated."
			const expiresAt =
				typeof json.created === 'number'
					? { urlExpiresAt: new Date((json.created + 60 * 60) * 1000).toISOString() }
					: {};
			return { url, json: { ...json, ...expiresAt } };
		});
		return await generatedImageItems(ctx, itemIndex, images, {
			vendorName: 'OpenAI',
			fileBaseName: fileBaseName,
			outputProperty,
			downloads: options.downloadUrlResults
				? await http.downloadResults(
						images.map((image) => image.url),
						itemIndex,
						'OpenAI',
					)
				: undefined,
		});
	},
};
