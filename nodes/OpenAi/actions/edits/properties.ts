import type { INodeProperties } from 'n8n-workflow';

import { additionalImagesProperty, maskProperties } from '../../../shared/image/imageProperties';
import { choiceOptions } from '../../../shared/parameters';
import type { ChoiceField } from './models';
import {
	CHOICE_FIELDS,
	COMPRESSION,
	CUSTOM_EDGES,
	CUSTOM_SIZE_MODELS,
	customRuleText,
	DEFAULT_EDIT_MODEL,
	DEFAULT_VARIATION_PROMPT,
	EDIT_IMAGES,
	EDIT_MASK,
	GPT_IMAGE_2_SIZES,
	IMAGE_OPTIONS,
	KNOWN_EDIT_MODELS,
	MAX_PROMPT_CHARS,
} from './models';

// API "Edits (GPT Image models)": the parameters the editor shows for POST /images/edits.

export const editsOnly = { show: { api: ['edits'] } };

/** Further images and the mask, after the input image. */
export const editImageProperties: INodeProperties[] = [
	additionalImagesProperty(editsOnly.show, EDIT_IMAGES.max, 'Every GPT Image model'),
	...maskProperties(editsOnly.show, EDIT_MASK.text),
];

export const editProperties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'imageModel',
		type: 'string',
		default: DEFAULT_EDIT_MODEL,
		required: true,
		displayOptions: editsOnly,
		placeholder: DEFAULT_EDIT_MODEL,
		description: `Model name as the host knows it, e.g. ${KNOWN_EDIT_MODELS.join(', ')}`,
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: DEFAULT_VARIATION_PROMPT,
		required: true,
		displayOptions: editsOnly,
		description: `What the model makes of the image, up to ${MAX_PROMPT_CHARS.toLocaleString('en-US')} characters. The default asks for a variation.`,
	},
];

/** A dropdown of Image Options; its first choice is the API's own default. */
function choiceFieldProperty(name: string, field: ChoiceField): INodeProperties {
	const common = { displayName: field.displayName, name, description: field.description };
	return {
		...common,
		type: 'options',
		options: choiceOptions(field.choices),
		default: field.choices[0][1],
	};
}

export const imageOptionsProperty: INodeProperties = {
	displayName: 'Image Options',
	name: IMAGE_OPTIONS,
	type: 'collection',
	placeholder: 'Add Image Option',
	default: {},
	displayOptions: editsOnly,
	description: 'Sent to the API only when added; otherwise the API decides',
	options: [
		...Object.entries(CHOICE_FIELDS).map(([name, field]) => choiceFieldProperty(name, field)),
		{
			displayName: COMPRESSION.displayName,
			name: COMPRESSION.name,
			type: 'number' as const,
			typeOptions: { minValue: COMPRESSION.min, maxValue: COMPRESSION.max, numberPrecision: 0 },
			default: 100,
			description: 'Compression level (0–100 %) of JPEG and WEBP output',
		},
		...CUSTOM_EDGES.map(({ displayName, name }) => ({
			displayName,
			name,
			type: 'number' as const,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1024,
			description: `Used when Size is Custom. For ${CUSTOM_SIZE_MODELS}: ${customRuleText(GPT_IMAGE_2_SIZES)}.`,
		})),
	].sort((a, b) => a.displayName.localeCompare(b.displayName)),
};
