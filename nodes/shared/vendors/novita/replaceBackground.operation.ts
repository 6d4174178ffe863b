import type { INodeProperties } from 'n8n-workflow';

import { imageInputProperties } from '../../image/input';
import { outputBinaryProperty } from '../../image/output';
import { optionsCollection } from '../../run/options';
import { textParameter } from '../../parameters';
import { novitaExtraProperties, novitaOperation } from './imageEndpoint';

const MAX_BYTES = 30 * 1024 * 1024;

export const operation = novitaOperation({
	path: '/v3/replace-background',
	apiName: 'Novita Replace Background',
	outputSuffix: 'new-background',
	// "Maximum resolution of 2048 x 2048 and a maximum file size of 30 MB (width <= 4096, height <= 4096)."
	limits: {
		formats: ['png', 'jpeg', 'webp'],
		maxBytes: MAX_BYTES,
		maxSide: 4096,
		maxPixels: { width: 2048, height: 2048 },
	},
	extraBody: (ctx, itemIndex) => ({
		prompt: textParameter(ctx, itemIndex, 'prompt', 'Prompt', {
			requiredFix: 'Describe the new background, e.g. "in a warehouse". Novita requires a prompt.',
		}),
	}),
});

export const properties: INodeProperties[] = [
	...imageInputProperties,
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'in a warehouse',
		description: 'Describes the new background',
	},
	...novitaExtraProperties,
	outputBinaryProperty,
	optionsCollection(operation.defaultTimeoutMs),
];
