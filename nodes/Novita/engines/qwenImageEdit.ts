import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiBody, ApiClient } from '../../shared/http/apiClient';
import { BASE64_BYTES, jsonWithStreamedBase64 } from '../../shared/http/streamedJson';
import { inputImageUrl, readInputImage } from '../../shared/image/input';
import { outputBinaryField } from '../../shared/image/output';
import { downloadGeneratedImages } from '../../shared/image/resultDownloads';
import { validateImage } from '../../shared/image/validate';
import { asNodeError } from '../../shared/nodeErrors';
import { parameterError } from '../../shared/parameters';
import type { ImageOperation, OperationRun } from '../../shared/run/execute';
import type { RequestSettings } from '../../shared/run/options';
import { pollOptionSpecs, pollWait } from '../../shared/run/pollOptions';
import { NOVITA_CREDENTIAL } from '../transport/credential';
import { novitaQwenVendor } from '../transport/errors';
import { NOVITA_TIMEOUT_MS, novitaBaseUrl } from '../transport/host';
import { outputImageType } from './parameters';
import type { NovitaTask } from '../transport/task';
import { finishedImages, submittedTask, waitForNovitaTask } from '../transport/task';

// Engine "Qwen Image Edit": what Novita serves for image editing since it retired Reimagine and
// Replace Background. POST /v3/async/qwen-image-edit answers a task id; the shared poller waits
// for it; the result URLs expire, so the images are downloaded at once (without the key).

/** The model's name as Novita's path gives it, and in output items. */
const QWEN_MODEL = 'qwen-image-edit';
const SUBMIT_PATH = `/v3/async/${QWEN_MODEL}`;
/** Novita's limit for its image endpoints; Qwen's own is not documented. */
const MAX_INPUT_BYTES = 30 * 1024 * 1024;
const MAX_SEED = 2_147_483_647;

export const qwenOnly = { show: { engine: ['qwen'] } };

export const QWEN_OPTIONS = pollOptionSpecs({
	maxWaitSeconds: 300,
	pollIntervalSeconds: 2,
	showWhen: qwenOnly.show,
});

export const seedProperty: INodeProperties = {
	displayName: 'Seed',
	name: 'seed',
	type: 'number',
	typeOptions: { minValue: -1, maxValue: MAX_SEED, numberPrecision: 0 },
	default: -1,
	displayOptions: qwenOnly,
	description: 'The same seed, image and prompt give the same result; -1 picks a random seed',
	hint: '-1: a new result each run. Any other number: the same image and prompt give the same result again.',
};

export function promptTemplateProperty(defaultTemplate: string, description: string, hint: string) {
	return {
		displayName: 'Prompt Template',
		name: 'promptTemplate',
		type: 'string',
		typeOptions: { rows: 3 },
		default: defaultTemplate,
		required: true,
		displayOptions: qwenOnly,
		description,
		hint,
	} satisfies INodeProperties;
}

export interface QwenEndpoint {
	/** Name used in messages, e.g. "Novita Reimagine (Qwen Image Edit)". */
	apiName: string;
	/** Appended to the input file name for the output, e.g. "reimagined". */
	outputSuffix: string;
	/** The prompt sent for the item, checked. */
	prompt(ctx: IExecuteFunctions, itemIndex: number): string;
}

function seedParameter(ctx: IExecuteFunctions, itemIndex: number): number {
	const seed = ctx.getNodeParameter(seedProperty.name, itemIndex, seedProperty.default) as unknown;
	if (typeof seed === 'number' && Number.isInteger(seed) && seed >= -1 && seed <= MAX_SEED)
		return seed;
	return parameterError(
		ctx,
		itemIndex,
		`Seed must be a whole number from -1 to ${MAX_SEED}, but is ${JSON.stringify(seed)}`,
		'Set Seed to -1 for a random seed, or to a whole number up to 2147483647.',
	);
}

/** The body, and how the image went: as the URL given, or as bare base64 of the bytes. */
async function qwenRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
	fields: IDataObject,
	apiName: string,
): Promise<{ body: ApiBody; sentAs: 'url' | 'base64'; baseName: string }> {
	const linked = inputImageUrl(ctx, itemIndex);
	if (linked)
		return { body: { image: linked.url, ...fields }, sentAs: 'url', baseName: linked.baseName };
	const input = await readInputImage(ctx, itemIndex, settings);
	validateImage(ctx, itemIndex, input, {
		apiName,
		formats: ['png', 'jpeg', 'webp'],
		maxBytes: MAX_INPUT_BYTES,
	});
	return {
		body: jsonWithStreamedBase64({ image: BASE64_BYTES, ...fields }, input),
		sentAs: 'base64',
		baseName: input.baseName,
	};
}

const OTHER_FORM = {
	url: 'The image was sent as its URL; Novita’s reference does not say whether Qwen Image Edit fetches URLs. Try Input Image Source "Binary File" or "Base64" (sent as base64).',
	base64:
		'The image was sent as bare base64; Novita’s reference does not say whether Qwen Image Edit takes base64. Try Input Image Source "URL" (sent as the URL itself).',
};

/** Submits the edit; a 400 about the image says which form was sent and suggests the other. */
async function submit(
	ctx: IExecuteFunctions,
	itemIndex: number,
	api: ApiClient,
	request: { body: ApiBody; sentAs: 'url' | 'base64' },
): Promise<NovitaTask> {
	try {
		const response = await api.post(SUBMIT_PATH, request.body, itemIndex);
		return submittedTask(ctx, response.body, itemIndex, response.statusCode);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '400' && /image/i.test(error.message))
			error.description = `${OTHER_FORM[request.sentAs]} ${error.description ?? ''}`.trim();
		throw asNodeError(ctx, error, itemIndex);
	}
}

type QwenRun = OperationRun<typeof QWEN_OPTIONS>;

export function qwenOperation(endpoint: QwenEndpoint): ImageOperation<typeof QWEN_OPTIONS> {
	return {
		credential: NOVITA_CREDENTIAL,
		vendor: novitaQwenVendor,
		defaultTimeoutMs: NOVITA_TIMEOUT_MS,
		nodeOptions: QWEN_OPTIONS,
		baseUrl: novitaBaseUrl,

		async executeItem(ctx, itemIndex, { api, settings, options }: QwenRun) {
			const seed = seedParameter(ctx, itemIndex);
			const fields = {
				prompt: endpoint.prompt(ctx, itemIndex),
				...(seed === -1 ? {} : { seed }),
				output_format: outputImageType(ctx, itemIndex),
			};
			const outputProperty = outputBinaryField(ctx, itemIndex);
			const request = await qwenRequest(ctx, itemIndex, settings, fields, endpoint.apiName);
			const submitted = await submit(ctx, itemIndex, api, request);
			const task = await waitForNovitaTask(ctx, itemIndex, api, submitted, pollWait(options));
			const answeredAt = Date.now();
			const images = finishedImages(ctx, task, itemIndex).map((image, index) => ({
				url: image.url,
				json: {
					model: QWEN_MODEL,
					task_id: task.id,
					status: task.status,
					index,
					...(task.seed !== undefined ? { seed: task.seed } : {}),
					...(image.type ? { image_type: image.type } : {}),
					...(image.ttl !== undefined
						? {
								image_url_ttl: image.ttl,
								urlExpiresAt: new Date(answeredAt + image.ttl * 1000).toISOString(),
							}
						: {}),
					requestedImageType: fields.output_format,
				},
			}));
			return await downloadGeneratedImages(ctx, itemIndex, images, {
				vendorName: 'Novita',
				fileBaseName: `${request.baseName}-${endpoint.outputSuffix}`,
				outputProperty,
				settings,
			});
		},
	};
}
