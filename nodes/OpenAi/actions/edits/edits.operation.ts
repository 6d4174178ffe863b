import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ApiBody, ApiResponse, HttpClient } from '../../../shared/http/client';
import {
	BASE64_BYTES,
	base64Length,
	jsonWithStreamedBase64,
} from '../../../shared/http/streamedJson';
import { imageFromAnswer } from '../../../shared/image/answerImage';
import type { StreamedBody } from '../../../shared/http/streamedJson';
import type { MultipartFile } from '../../../shared/http/streamedMultipart';
import { multipartWithStreamedFiles } from '../../../shared/http/streamedMultipart';
import { baseNameOf, readImage } from '../../../shared/image/input';
import type { ImageRef } from '../../../shared/image/sources';
import { imageRefs, madeFrom, maskRef } from '../../../shared/image/sources';
import { imageOutputItem, outputBinaryField } from '../../../shared/image/output';
import { generatedImageItems } from '../../../shared/image/resultDownloads';
import type { CheckedImage } from '../../../shared/image/validate';
import { validateImage, validateMask } from '../../../shared/image/validate';
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
import { EDIT_IMAGES, EDIT_MASK } from './models';
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

/** One image of the item, read and checked against the API's limits, before anything is sent. */
async function readCheckedImage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	http: HttpClient,
	ref: ImageRef,
): Promise<CheckedImage> {
	const input = await readImage(ctx, itemIndex, ref, http);
	validateImage(
		ctx,
		itemIndex,
		input,
		{
			apiName: 'OpenAI image edits',
			formats: ['png', 'jpeg', 'webp'],
			maxBytes: MAX_INPUT_BYTES,
			maxBytesExclusive: true,
		},
		ref.forWhat ? ref.name : undefined,
	);
	return input;
}

/** The JSON form's data: URL prefix, after checking the URL stays within the API's limit. */
function dataUrlPrefix(
	ctx: IExecuteFunctions,
	itemIndex: number,
	input: CheckedImage,
	ref: ImageRef,
) {
	const prefix = `data:${input.info.mimeType};base64,`;
	const length = prefix.length + base64Length(input.size);
	if (length > MAX_IMAGE_URL_CHARS) {
		parameterError(
			ctx,
			itemIndex,
			`${ref.forWhat ? ref.name : 'the input image'} is too large for the JSON form of /images/edits: as a data: URL it takes ${length.toLocaleString('en-US')} characters, and the API accepts at most ${MAX_IMAGE_URL_CHARS.toLocaleString('en-US')} (about 15 MB of image)`,
			'Set Options › Upload As to Multipart (images up to 50 MB), give the image as a URL, or use a smaller image.',
		);
	}
	return prefix;
}

/** An image of the request: read (then sent as bytes), or a URL passed on as it is. */
interface RequestImage {
	ref: ImageRef;
	input?: CheckedImage;
}

function multipartBody(
	images: RequestImage[],
	mask: CheckedImage | undefined,
	params: EditParameters,
): StreamedBody {
	const fields = Object.entries({
		prompt: params.prompt,
		model: params.model,
		n: params.n,
		...params.fields,
	}).map(([name, value]) => [name, String(value)] as const);
	const files: MultipartFile[] = images.map(({ input }) => ({
		name: 'image[]',
		fileName: `${input!.baseName}.${input!.info.extension}`,
		type: input!.info.mimeType,
		bytes: input!,
	}));
	if (mask)
		files.push({ name: 'mask', fileName: `${mask.baseName}.png`, type: 'image/png', bytes: mask });
	return multipartWithStreamedFiles(fields, files);
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

/** The request body, the base name of the files it produces, and the images it was made from. */
async function editRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: EditParameters,
	{ http, options }: EditsRun,
): Promise<{ body: ApiBody; baseName: string; madeFrom: IDataObject }> {
	checkBodyForm(ctx, itemIndex, params, options.uploadAs);
	const json = options.uploadAs === 'json';
	const maskSource = maskRef(ctx, itemIndex);
	const refs = imageRefs(ctx, itemIndex, { modelName: params.model, ...EDIT_IMAGES }, maskSource);
	// Read one after another, each checked before the next is read. In the JSON form OpenAI fetches
	// a URL itself, so it is passed on as it is, bar a first image a mask must be measured against.
	const images: RequestImage[] = [];
	for (const [index, ref] of refs.entries()) {
		const passOn = json && ref.source === 'url' && !(maskSource && index === 0);
		images.push({
			ref,
			input: passOn ? undefined : await readCheckedImage(ctx, itemIndex, http, ref),
		});
	}
	let mask: CheckedImage | undefined;
	if (maskSource) {
		const read = await readImage(ctx, itemIndex, maskSource, http);
		validateMask(
			ctx,
			itemIndex,
			read,
			EDIT_MASK,
			images[0].input!.info,
			'OpenAI image edits',
			maskSource.name,
		);
		mask = read;
	}
	const baseName = images[0].input?.baseName ?? baseNameOf(new URL(refs[0].value).pathname);
	const from = madeFrom(refs, maskSource);
	if (!json) return { body: multipartBody(images, mask, params), baseName, madeFrom: from };
	const sources = images.flatMap(({ input }) => (input ? [input] : []));
	const document: IDataObject = {
		images: images.map(({ ref, input }) => ({
			image_url: input ? `${dataUrlPrefix(ctx, itemIndex, input, ref)}${BASE64_BYTES}` : ref.value,
		})),
		...(mask ? { mask: { image_url: `data:image/png;base64,${BASE64_BYTES}` } } : {}),
		prompt: params.prompt,
		model: params.model,
		n: params.n,
		...params.fields,
	};
	if (mask) sources.push(mask);
	return {
		body: sources.length ? jsonWithStreamedBase64(document, sources) : document,
		baseName,
		madeFrom: from,
	};
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
	/** The images the item was made from, when there were several or a mask. */
	madeFrom: IDataObject;
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
	const shared = { ...answerJson(response, params), ...files.madeFrom };
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
		const { body, baseName, madeFrom } = await editRequest(ctx, itemIndex, params, run);
		const response = await run.http.post(PATH, body, itemIndex, 'paid');
		return await outputItems(ctx, itemIndex, response, params, {
			baseName,
			madeFrom,
			outputProperty,
			http: run.http,
			downloadUrlResults: run.options.downloadUrlResults,
		});
	},
};
