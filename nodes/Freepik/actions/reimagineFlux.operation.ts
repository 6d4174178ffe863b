import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { BASE64_BYTES, jsonWithStreamedBase64 } from '../../shared/http/streamedJson';
import { readInputImage } from '../../shared/image/input';
import { validateImage } from '../../shared/image/validate';
import type { Choice } from '../../shared/parameters';
import {
	choiceOptions,
	choiceParameter,
	choiceValues,
	textParameter,
} from '../../shared/parameters';
import { ALL_NAMED_RATIOS, namedRatios } from '../models/aspectRatios';
import type { TaskModel } from '../transport/task';
import type { FreepikRun } from './parameters';
import type { TaskRequest } from './task.operation';
import { taskOperation } from './task.operation';

// Reimagine Flux, the node's first API: "(Beta, synchronous)", the image as base64, an optional
// prompt. Its answer is a task, complete at once or polled like the other models' (unverified
// upstream for this one: a 404 on the poll says so).

export const REIMAGINE_FLUX: TaskModel = {
	model: 'reimagine-flux',
	displayName: 'Reimagine Flux',
	path: '/v1/ai/beta/text-to-image/reimagine-flux',
};

const SHOW = { displayOptions: { show: { model: ['reimagineFlux'] } } };

const IMAGINATION: ReadonlyArray<Choice> = [
	['Default', '', 'Let the API decide (the field is not sent)'],
	['Subtle', 'subtle'],
	['Vivid', 'vivid'],
	['Wild', 'wild'],
];
const ASPECT_RATIOS: ReadonlyArray<Choice> = [
	['Original', 'original'],
	...namedRatios(ALL_NAMED_RATIOS),
];

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

/** Reimagine Flux's own parameters, shown while it is the chosen model. */
export const reimagineFluxProperties: INodeProperties[] = [
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'A beautiful sunset over a calm ocean',
		description: 'Optional text guiding the reimagination',
		...SHOW,
	},
	{ ...imaginationProperty, ...SHOW },
	{ ...aspectRatioProperty, ...SHOW },
];

/** The documented request body; optional fields are only sent when set. */
function requestBody(ctx: IExecuteFunctions, itemIndex: number, webhookUrl: string): IDataObject {
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
	return {
		...(prompt ? { prompt } : {}),
		...(imagination ? { imagination } : {}),
		aspect_ratio: aspectRatio,
		...(webhookUrl ? { webhook_url: webhookUrl } : {}),
	};
}

/** The image, read and checked, and the parameters; the image goes inline as base64. */
async function prepareReimagineFlux(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ http, settings }: FreepikRun,
	webhookUrl: string,
): Promise<TaskRequest> {
	const body = requestBody(ctx, itemIndex, webhookUrl);
	const input = await readInputImage(ctx, itemIndex, http, 'Freepik Reimagine Flux');
	validateImage(ctx, itemIndex, input, {
		apiName: 'Freepik Reimagine Flux',
		formats: ['png', 'jpeg', 'webp'],
		maxBytes: settings.maxDownloadBytes,
	});
	return {
		uploads: [],
		body: () => jsonWithStreamedBase64({ image: BASE64_BYTES, ...body }, input),
		fileBaseName: `${input.baseName}-reimagined`,
		json: {},
	};
}

export const reimagineFluxOperation = taskOperation(REIMAGINE_FLUX, prepareReimagineFlux, {
	// Its page lists no status GET to confirm a callback with.
	callbacks: false,
});
