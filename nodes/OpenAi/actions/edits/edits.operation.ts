import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ApiBody, ApiResponse, HttpClient } from '../../../shared/http/client';
import {
	BASE64_BYTES,
	base64Length,
	jsonWithStreamedBase64,
} from '../../../shared/http/streamedJson';
import { imageFromAnswer } from '../../../shared/image/answerImage';
import type { InputImage } from '../../../shared/image/input';
import { inputBlob, inputImageUrl, readInputImage } from '../../../shared/image/input';
import { imageOutputItem, outputBinaryField } from '../../../shared/image/output';
import { generatedImageItems } from '../../../shared/image/resultDownloads';
import { validateImage } from '../../../shared/image/validate';
import { parameterError } from '../../../shared/parameters';
import type { OptionSpecs } from '../../../shared/run/optionSpecs';
import type { ImageOperation, OperationRun } from '../../../shared/run/runner';
import { asObject, asString } from '../../../shared/text';
import {
	OPENAI_CREDENTIAL,
	OPENAI_TIMEOUT_MS,
	openAiBaseUrl,
	openAiEditsVendor,
} from '../../transport/api';
import { answerData, DOWNLOAD_URL_RESULTS, revisedPrompt } from '../common';
import type { EditParameters } from './parameters';
import { customSizeOf, optionError, readEditParameters } from './parameters';
import { editsOnly } from './properties';

// API "Edits (GPT Image models)": variations made through POST /images/edits, the way OpenAI
// serves image-to-image today. JSON body by default; multipart for gateways that need it.

const PATH = '/images/edits';
/** "each image should be a png, webp, or jpg file less than 50MB" */
const MAX_INPUT_BYTES = 50 * 1024 * 1024;
/** The longest image_url the JSON form takes, a base64 data: URL included. */
export const MAX_IMAGE_URL_CHARS = 20_971_520;

export const EDIT_OPTIONS = {
	uploadAs: {
		type: 'options',
		displayName: 'Upload As',
		default: 'json',
		choices: [
			[
				'JSON',
				'json',
				'The image as a data: URL, or a URL input passed on as it is (OpenAI’s JSON form)',
			],
			['Multipart', 'multipart', 'The image as an image[] file part, for gateways that need it'],
		],
		description: 'How the image is sent to /images/edits',
		showWhen: editsOnly.show,
	},
	downloadUrlResults: DOWNLOAD_URL_RESULTS,
} satisfies OptionSpecs;

type EditsRun = OperationRun<typeof EDIT_OPTIONS>;

async function readCheckedInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	http: HttpClient,
): Promise<InputImage & { info: NonNullable<InputImage['info']> }> {
	const input = await readInputImage(ctx, itemIndex, http);
	validateImage(ctx, itemIndex, input, {
		apiName: 'OpenAI image edits',
		formats: ['png', 'jpeg', 'webp'],
		maxBytes: MAX_INPUT_BYTES,
		maxBytesExclusive: true,
	});
	return input;
}

/** The JSON form's data: URL prefix, after checking the URL stays within the API's limit. */
function dataUrlPrefix(
	ctx: IExecuteFunctions,
	itemIndex: number,
	input: InputImage & { info: { mimeType: string } },
) {
	const prefix = `data:${input.info.mimeType};base64,`;
	const length = prefix.length + base64Length(input.size);
	if (length > MAX_IMAGE_URL_CHARS) {
		parameterError(
			ctx,
			itemIndex,
			`the input image is too large for the JSON form of /images/edits: as a data: URL it takes ${length.toLocaleString('en-US')} characters, and the API accepts at most ${MAX_IMAGE_URL_CHARS.toLocaleString('en-US')} (about 15 MB of image)`,
			'Set Options › Upload As to Multipart (images up to 50 MB), give the image as a URL, or use a smaller image.',
		);
	}
	return prefix;
}

async function multipartBody(
	input: InputImage & { info: { mimeType: string; extension: string } },
	params: EditParameters,
): Promise<FormData> {
	const form = new FormData();
	const image = await inputBlob(input, input.info.mimeType);
	form.append('image[]', image, `${input.baseName}.${input.info.extension}`);
	form.append('prompt', params.prompt);
	form.append('model', params.model);
	form.append('n', String(params.n));
	for (const [name, value] of Object.entries(params.fields)) form.append(name, String(value));
	return form;
}

/**
 * Each field goes only in the body form that documents it: Moderation is a field of the JSON form
 * (EditImageBodyJsonParam), a WIDTHxHEIGHT size of the multipart one (the JSON form lists the
 * fixed sizes only).
 */
function checkBodyForm(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: EditParameters,
	uploadAs: string,
): void {
	if (uploadAs === 'multipart' && params.fields.moderation !== undefined)
		optionError(
			ctx,
			itemIndex,
			'Moderation is a field of the JSON form of /images/edits only, but Upload As is Multipart',
			'Set Options › Upload As to JSON, or remove Moderation.',
		);
	if (uploadAs === 'json' && customSizeOf(params.fields))
		optionError(
			ctx,
			itemIndex,
			`a Custom Size (${String(params.fields.size)}) is a field of the multipart form of /images/edits only; the JSON form takes the fixed sizes, but Upload As is JSON`,
			'Set Options › Upload As to Multipart, or choose one of the fixed sizes.',
		);
}

/** The request body, and the base name of the files it produces. */
async function editRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: EditParameters,
	{ http, options }: EditsRun,
): Promise<{ body: ApiBody; baseName: string }> {
	checkBodyForm(ctx, itemIndex, params, options.uploadAs);
	const fields = { prompt: params.prompt, model: params.model, n: params.n, ...params.fields };
	if (options.uploadAs === 'json') {
		// OpenAI fetches a URL itself: the node neither downloads nor re-uploads it.
		const linked = inputImageUrl(ctx, itemIndex);
		if (linked)
			return {
				body: { images: [{ image_url: linked.url }], ...fields },
				baseName: linked.baseName,
			};
		const input = await readCheckedInput(ctx, itemIndex, http);
		const imageUrl = `${dataUrlPrefix(ctx, itemIndex, input)}${BASE64_BYTES}`;
		return {
			body: jsonWithStreamedBase64({ images: [{ image_url: imageUrl }], ...fields }, input),
			baseName: input.baseName,
		};
	}
	const input = await readCheckedInput(ctx, itemIndex, http);
	return { body: await multipartBody(input, params), baseName: input.baseName };
}

/** What the answer says of all its images: usage, and the size, quality... the model settled on. */
function answerJson(response: ApiResponse, params: EditParameters): IDataObject {
	const body = asObject(response.body);
	const json: IDataObject = { model: params.model };
	for (const key of ['created', 'size', 'quality', 'background', 'output_format', 'usage']) {
		if (body[key] !== undefined && body[key] !== null) json[key] = body[key];
	}
	const requestId = response.headers['x-request-id'];
	if (typeof requestId === 'string') json.requestId = requestId;
	return json;
}

interface OutputFiles {
	baseName: string;
	outputProperty: string;
	http: HttpClient;
	downloadUrlResults: boolean;
}

/**
 * One item per image of the answer. OpenAI answers GPT Image models with b64_json; a gateway may
 * answer URLs instead (data[].url, no b64_json), which are downloaded without the key, or only
 * listed when Download URL Results is off.
 */
async function outputItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	response: ApiResponse,
	params: EditParameters,
	files: OutputFiles,
): Promise<INodeExecutionData[]> {
	const entries = answerData(ctx, itemIndex, response, openAiEditsVendor);
	const shared = answerJson(response, params);
	const fileBaseName = `${files.baseName}-variation`;
	const jsonOf = (entry: IDataObject, index: number): IDataObject => ({
		index,
		...shared,
		...revisedPrompt(entry),
	});
	const where = (index: number, field: string) => ({
		vendor: openAiEditsVendor,
		field: `data[${index}].${field}`,
		itemIndex,
		statusCode: response.statusCode,
		declaredFormat: shared.output_format,
	});
	if (entries.every((entry) => entry.b64_json === undefined && asString(entry.url))) {
		const images = entries.map((entry, index) => ({
			url: asString(entry.url)!,
			json: jsonOf(entry, index),
		}));
		return await generatedImageItems(ctx, itemIndex, images, {
			vendorName: 'OpenAI',
			fileBaseName,
			outputProperty: files.outputProperty,
			declaredFormat: shared.output_format,
			downloads: files.downloadUrlResults
				? await files.http.downloadResults(
						images.map((image) => image.url),
						itemIndex,
						'OpenAI',
					)
				: undefined,
		});
	}
	return await Promise.all(
		entries.map(async (entry, index) => {
			const image = imageFromAnswer(ctx, entry.b64_json, where(index, 'b64_json'));
			return await imageOutputItem(ctx, itemIndex, files.outputProperty, {
				...image,
				fileBaseName: entries.length > 1 ? `${fileBaseName}-${index + 1}` : fileBaseName,
				json: jsonOf(entry, index),
			});
		}),
	);
}

export const editsOperation: ImageOperation<typeof EDIT_OPTIONS> = {
	credential: OPENAI_CREDENTIAL,
	vendor: openAiEditsVendor,
	defaultTimeoutMs: OPENAI_TIMEOUT_MS,
	nodeOptions: EDIT_OPTIONS,
	baseUrl: openAiBaseUrl,

	async execute(ctx, itemIndex, run: EditsRun): Promise<INodeExecutionData[]> {
		const params = readEditParameters(ctx, itemIndex);
		const outputProperty = outputBinaryField(ctx, itemIndex);
		const { body, baseName } = await editRequest(ctx, itemIndex, params, run);
		const response = await run.http.post(PATH, body, itemIndex, 'paid');
		return await outputItems(ctx, itemIndex, response, params, {
			baseName,
			outputProperty,
			http: run.http,
			downloadUrlResults: run.options.downloadUrlResults,
		});
	},
};
