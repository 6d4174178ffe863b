import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ImageOperation } from '../../run/execute';
import { apiRequest } from '../../http/apiRequest';
import { parseHttpUrl } from '../../http/download';
import { jsonWithBase64Image } from '../../http/jsonImageBody';
import { imageInputProperties, readInputImage } from '../../image/input';
import { outputBinaryProperty } from '../../image/output';
import { downloadGeneratedImages } from '../../image/resultDownloads';
import { validateImage } from '../../image/validate';
import type { RequestSettings } from '../../run/options';
import { optionsCollection } from '../../run/options';
import type { Choice } from '../../parameters';
import { choiceOptions, choiceParameter, choiceValues, textParameter } from '../../parameters';
import { checkedBaseUrl } from '../../http/baseUrl';
import { FREEPIK_CREDENTIAL, freepikVendor } from './errors';
import { freepikPresetBaseUrl } from './hosts';
import type { FreepikTask } from './task';
import { parseTask } from './task';
import { pollTask } from './taskPolling';

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

const DEFAULT_POLL_INTERVAL_SECONDS = 5;
const DEFAULT_MAX_WAIT_SECONDS = 120;

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
	{
		displayName: 'Imagination',
		name: 'imagination',
		type: 'options',
		options: choiceOptions(IMAGINATION),
		default: '',
		description: 'How far the result may depart from the input',
	},
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		options: choiceOptions(ASPECT_RATIOS),
		default: 'original',
		description: 'Aspect ratio of the generated image',
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/webhook',
		description:
			'Optional URL Freepik notifies when the task changes status. When set and the task is not complete at once, the node outputs the task (ID and status) without polling.',
	},
	{
		displayName: 'Download Images',
		name: 'downloadImages',
		type: 'boolean',
		default: true,
		description:
			'Whether to download the generated images into binary data at once (their URLs expire after minutes); off outputs only the URLs',
	},
	{ ...outputBinaryProperty, displayOptions: { show: { downloadImages: [true] } } },
	optionsCollection(60_000, [
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3600 },
				default: 120,
				description: 'How long to wait for an in-progress task to complete before failing with its task ID',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				typeOptions: { minValue: 0.1, maxValue: 60 },
				default: 5,
				description: 'First wait between status checks of an in-progress task; later waits grow up to four times this',
			},
		]),
];

/** The documented request body; optional fields are only sent when set. */
function requestBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const prompt = textParameter(ctx, itemIndex, 'prompt', 'Prompt');
	const imagination = choiceParameter(ctx, itemIndex, 'imagination', 'Imagination', choiceValues(IMAGINATION), '', { allowUnset: true });
	const aspectRatio = choiceParameter(ctx, itemIndex, 'aspectRatio', 'Aspect Ratio', choiceValues(ASPECT_RATIOS), 'original', { allowUnset: true }) || 'original';
	const webhookUrl = textParameter(ctx, itemIndex, 'webhookUrl', 'Webhook URL');
	if (webhookUrl) parseHttpUrl(ctx, webhookUrl, itemIndex, `Item ${itemIndex}: Webhook URL`);
	return {
		...(prompt ? { prompt } : {}),
		...(imagination ? { imagination } : {}),
		aspect_ratio: aspectRatio,
		...(webhookUrl ? { webhook_url: webhookUrl } : {}),
	};
}

function taskJson(task: FreepikTask): IDataObject {
	return { task_id: task.taskId, status: task.status };
}

function resolveBaseUrl(ctx: IExecuteFunctions, credentials: IDataObject): string {
	return freepikPresetBaseUrl(credentials.host) ?? checkedBaseUrl(ctx, credentials.baseUrl, 'Freepik');
}

function pollSettings(settings: RequestSettings) {
	const intervalS = (settings.raw.pollIntervalSeconds as number | undefined) ?? DEFAULT_POLL_INTERVAL_SECONDS;
	const maxWaitS = (settings.raw.maxWaitSeconds as number | undefined) ?? DEFAULT_MAX_WAIT_SECONDS;
	return { intervalMs: intervalS * 1000, maxWaitMs: maxWaitS * 1000 };
}

export const operation: ImageOperation<{ url: string }> = {
	credentialType: FREEPIK_CREDENTIAL,
	defaultTimeoutMs: 60_000,

	async prepare(ctx, _settings, credentials) {
		return { url: `${resolveBaseUrl(ctx, credentials)}${PATH}` };
	},

	async executeItem(ctx, itemIndex, { url }, settings): Promise<INodeExecutionData[]> {
		const body = requestBody(ctx, itemIndex);
		const download = ctx.getNodeParameter('downloadImages', itemIndex, true) as boolean;
		const outputProperty = download ? (ctx.getNodeParameter('outputBinaryPropertyName', itemIndex) as string) : '';
		const input = await readInputImage(ctx, itemIndex, {
			maxDownloadBytes: settings.maxDownloadBytes,
			retry: { retry: settings.retry, timeoutMs: settings.timeoutMs },
		});
		validateImage(ctx, itemIndex, input, {
			apiName: 'Freepik Reimagine Flux',
			formats: ['png', 'jpeg', 'webp'],
			maxBytes: settings.maxDownloadBytes,
		});

		const response = await apiRequest(ctx, {
			credentialType: FREEPIK_CREDENTIAL,
			method: 'POST',
			url,
			body: jsonWithBase64Image(body, 'image', input),
			timeoutMs: settings.timeoutMs,
			retry: settings.retry,
			gate: settings.gate,
			vendor: freepikVendor,
			itemIndex,
		});
		let task = parseTask(ctx, response.body, itemIndex, response.statusCode);

		if (task.status !== 'COMPLETED' && task.status !== 'FAILED') {
			if (body.webhook_url) {
				// The webhook will deliver the result; polling as well would only spend the rate limit.
				return [{ json: { ...taskJson(task), webhook_url: body.webhook_url, generated: task.generated }, pairedItem: { item: itemIndex } }];
			}
			task = await pollTask(ctx, itemIndex, url, task, settings, pollSettings(settings));
		}
		if (task.status === 'FAILED') {
			throw new NodeApiError(ctx.getNode(), { message: 'task failed', task_id: task.taskId }, {
				message: `Freepik task ${task.taskId} FAILED`,
				description: 'Freepik could not generate the image. Try again, or change the image or prompt. Quote the task ID to Freepik support if it keeps failing.',
				itemIndex,
			});
		}
		if (task.status !== 'COMPLETED' || task.generated.length === 0) {
			throw new NodeApiError(ctx.getNode(), { message: `unexpected status ${task.status}`, task_id: task.taskId }, {
				message: `Freepik task ${task.taskId} ended with status ${task.status} and ${task.generated.length} images`,
				description: 'The API answered outside its documentation. Try again.',
				itemIndex,
			});
		}

		const images = task.generated.map((imageUrl, n) => ({
			url: imageUrl,
			json: {
				...taskJson(task),
				index: n,
				...(task.hasNsfw?.[n] !== undefined ? { has_nsfw: task.hasNsfw[n] } : {}),
			},
		}));
		if (!download) {
			return images.map((image) => ({ json: { ...image.json, url: image.url }, pairedItem: { item: itemIndex } }));
		}
		return await downloadGeneratedImages(ctx, itemIndex, images, {
			vendorName: 'Freepik',
			fileBaseName: `${input.baseName}-reimagined`,
			outputProperty,
			download: { retry: settings.retry, timeoutMs: settings.timeoutMs, maxBytes: settings.maxDownloadBytes },
		});
	},
};
