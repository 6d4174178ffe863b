import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { ImageOperation, OperationRun } from '../../shared/run/runner';
import type { HttpClient } from '../../shared/http/client';
import { parseHttpUrl } from '../../shared/http/httpUrl';
import { BASE64_BYTES, jsonWithStreamedBase64 } from '../../shared/http/streamedJson';
import type { InputImage } from '../../shared/image/input';
import { readInputImage } from '../../shared/image/input';
import { imageInputProperties } from '../../shared/image/imageProperties';
import { outputBinaryField, outputBinaryProperty } from '../../shared/image/output';
import { generatedImageItems } from '../../shared/image/resultDownloads';
import { validateImage } from '../../shared/image/validate';
import { optionsCollection } from '../../shared/run/options';
import { pollOptionSpecs, pollWait } from '../../shared/run/pollOptions';
import type { Choice } from '../../shared/parameters';
import {
	booleanParameter,
	choiceOptions,
	choiceParameter,
	choiceValues,
	textParameter,
} from '../../shared/parameters';
import {
	FREEPIK_CREDENTIAL,
	FREEPIK_TIMEOUT_MS,
	freepikBaseUrl,
	freepikVendor,
} from '../transport/api';
import type { FreepikTask } from '../transport/task';
import { completedImages, freepikPolling, parseTask, taskJson } from '../transport/task';

const PATH = '/v1/ai/beta/text-to-image/reimagine-flux';
const IMAGINATION: ReadonlyArray<Choice> = [
	['Default', '', 'Let the API decide (the field is not sent)'],
	['Subtle', 'subtle'],
	['Vivid', 'vivid'],
	['Wild', 'wild'],
];
export const ASPECT_RATIOS = [
	['Original', 'original'],
	['Square 1:1', 'square_1_1'],
	['Classic 4:3', 'classic_4_3'],
	['Traditional 3:4', 'traditional_3_4'],
	['Widescreen 16:9', 'widescreen_16_9'],
	['Social Story 9:16', 'social_story_9_16'],
	['Standard 3:2', 'standard_3_2'],
	['Portrait 2:3', 'portrait_2_3'],
	['Horizontal 2:1', 'horizontal_2_1'],
	['Vertical 1:2', 'vertical_1_2'],
	['Social Post 4:5', 'social_post_4_5'],
] as const;

/** Freepik's own entries of the Options collection. */
const FREEPIK_OPTIONS = pollOptionSpecs({ maxWaitSeconds: 120, pollIntervalSeconds: 5 });

type FreepikRun = OperationRun<typeof FREEPIK_OPTIONS>;

const imaginationProperty: INodeProperties = {
	displayName: 'Imagination',
	name: 'imagination',
	type: 'options',
	options: choiceOptions(IMAGINATION),
	default: '',
	description: 'How far the result may depart from the input',
};

const aspectRatioProperty: INodeProperties = {
	displayName: 'Aspect Ratio',
	name: 'aspectRatio',
	type: 'options',
	options: choiceOptions(ASPECT_RATIOS),
	default: 'original',
	description: 'Aspect ratio of the generated image',
};

const downloadImagesProperty: INodeProperties = {
	displayName: 'Download Images',
	name: 'downloadImages',
	type: 'boolean',
	default: true,
	description:
		'Whether to download the generated images into binary data at once (their URLs expire after minutes); off outputs only the URLs',
};

export const properties: INodeProperties[] = [
	...imageInputProperties,
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'A beautiful sunset over a calm ocean',
		description: 'Optional text guiding the reimagination',
	},
	imaginationProperty,
	aspectRatioProperty,
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/webhook',
		description:
			'Optional URL Freepik notifies when the task changes status. When set and the task is not complete at once, the node outputs the task (ID and status) without polling.',
	},
	downloadImagesProperty,
	{ ...outputBinaryProperty, displayOptions: { show: { downloadImages: [true] } } },
	optionsCollection(FREEPIK_TIMEOUT_MS, FREEPIK_OPTIONS),
];

/** The documented request body; optional fields are only sent when set. */
function requestBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const prompt = textParameter(ctx, itemIndex, 'prompt', 'Prompt');
	const imagination = choiceParameter(
		ctx,
		itemIndex,
		imaginationProperty,
		choiceValues(IMAGINATION),
		{
			allowUnset: true,
		},
	);
	// An expression resolving to '' means "not set": the default is sent, as the API's own is the same.
	const aspectRatio =
		choiceParameter(ctx, itemIndex, aspectRatioProperty, choiceValues(ASPECT_RATIOS), {
			allowUnset: true,
		}) || (aspectRatioProperty.default as string);
	const webhookUrl = textParameter(ctx, itemIndex, 'webhookUrl', 'Webhook URL');
	if (webhookUrl) parseHttpUrl(ctx, webhookUrl, itemIndex, `Item ${itemIndex}: Webhook URL`);
	return {
		...(prompt ? { prompt } : {}),
		...(imagination ? { imagination } : {}),
		aspect_ratio: aspectRatio,
		...(webhookUrl ? { webhook_url: webhookUrl } : {}),
	};
}

/** Sends the image and the parameters; the answer is a task, complete or not. */
async function submit(
	ctx: IExecuteFunctions,
	itemIndex: number,
	http: HttpClient,
	body: IDataObject,
	input: InputImage,
): Promise<FreepikTask> {
	const response = await http.post(
		PATH,
		jsonWithStreamedBase64({ image: BASE64_BYTES, ...body }, input),
		itemIndex,
		'paid',
	);
	return parseTask(ctx, response.body, itemIndex, response.statusCode);
}

export const operation: ImageOperation<typeof FREEPIK_OPTIONS> = {
	credential: FREEPIK_CREDENTIAL,
	vendor: freepikVendor,
	defaultTimeoutMs: FREEPIK_TIMEOUT_MS,
	nodeOptions: FREEPIK_OPTIONS,
	baseUrl: freepikBaseUrl,

	async execute(
		ctx,
		itemIndex,
		{ http, settings, options, ledger }: FreepikRun,
	): Promise<INodeExecutionData[]> {
		const body = requestBody(ctx, itemIndex);
		const download = booleanParameter(ctx, itemIndex, downloadImagesProperty);
		const outputProperty = download ? outputBinaryField(ctx, itemIndex) : '';
		const input = await readInputImage(ctx, itemIndex, http, 'Freepik Reimagine Flux');
		validateImage(ctx, itemIndex, input, {
			apiName: 'Freepik Reimagine Flux',
			formats: ['png', 'jpeg', 'webp'],
			maxBytes: settings.maxDownloadBytes,
		});

		// A task an earlier try of the node got accepted is waited for, not submitted (and paid) again.
		let task =
			ledger.acceptedTask<FreepikTask>(itemIndex) ??
			(await submit(ctx, itemIndex, http, body, input));
		ledger.recordTask(itemIndex, task);
		const finished = task.status === 'COMPLETED' || task.status === 'FAILED';
		if (!finished && body.webhook_url) {
			// The webhook will deliver the result; polling as well would only spend the rate limit.
			return [
				{
					json: { ...taskJson(task), webhook_url: body.webhook_url, generated: task.generated },
					pairedItem: { item: itemIndex },
				},
			];
		}
		// Returns a task that is no longer pending as it is, without a request.
		task = await http.poll(
			task,
			itemIndex,
			freepikPolling(ctx, itemIndex, http.baseUrl, PATH, pollWait(options)),
		);
		const images = completedImages(ctx, task, itemIndex);
		return await generatedImageItems(ctx, itemIndex, images, {
			vendorName: 'Freepik',
			fileBaseName: `${input.baseName}-reimagined`,
			outputProperty,
			downloads: download
				? await http.downloadResults(
						images.map((image) => image.url),
						itemIndex,
						'Freepik',
					)
				: undefined,
		});
	},
};
