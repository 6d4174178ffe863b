import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { choiceValues, describeType, parameterError, textParameter } from '../../shared/parameters';
import { checkCombinations, optionError } from './editChecks';
import {
	CHOICE_FIELDS,
	COMPRESSION,
	CUSTOM_EDGES,
	editsOnly,
	imageOptionsProperty,
} from './editOptions';
import { numberOfImages, userParameter } from './parameters';

// API "Edits (GPT Image models)": the Model and Prompt parameters, and reading an item's
// parameters of POST /images/edits, checked, as the request sends them.

export const DEFAULT_EDIT_MODEL = 'gpt-image-1.5';
export const KNOWN_EDIT_MODELS = [
	'gpt-image-1.5',
	'gpt-image-2',
	'gpt-image-2.6-sunburst',
	'gpt-image-2.6-flare',
	'gpt-image-1',
	'gpt-image-1-mini',
	'chatgpt-image-latest',
];
export const DEFAULT_VARIATION_PROMPT =
	'Create a variation of this image: keep its subject, composition and style, and vary the details.';
const MAX_PROMPT_CHARS = 32_000;

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

export interface EditParameters {
	model: string;
	prompt: string;
	n: number;
	/** The request body's optional fields, by their API names, as the user set them. */
	fields: IDataObject;
}

function compression(ctx: IExecuteFunctions, itemIndex: number, value: unknown): number {
	const { displayName, min, max } = COMPRESSION;
	if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)
		return value;
	return optionError(
		ctx,
		itemIndex,
		`${displayName} must be a whole number from ${min} to ${max}, but is ${typeof value === 'number' ? value : describeType(value)}`,
		`Set ${displayName} between ${min} and ${max}.`,
	);
}

/** A Custom size's edge: a whole number of pixels (the model's rule is checked later). */
function customEdge(
	ctx: IExecuteFunctions,
	itemIndex: number,
	edge: (typeof CUSTOM_EDGES)[number],
	value: unknown,
): number {
	if (value === undefined)
		optionError(
			ctx,
			itemIndex,
			`Size is Custom, but ${edge.displayName} is not set`,
			'Add Custom Width and Custom Height, e.g. 2048 × 1152.',
		);
	if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
	return optionError(
		ctx,
		itemIndex,
		`${edge.displayName} must be a whole number of pixels, but is ${typeof value === 'number' ? value : describeType(value)}`,
		`Set ${edge.displayName} to a whole number, e.g. 1024.`,
	);
}

/** Size Custom as the API takes it (WIDTHxHEIGHT); the edges are refused without it. */
function customSizeField(ctx: IExecuteFunctions, itemIndex: number, raw: IDataObject): string {
	const [width, height] = CUSTOM_EDGES.map((edge) =>
		customEdge(ctx, itemIndex, edge, raw[edge.name]),
	);
	return `${width}x${height}`;
}

/** The Image Options the user added, checked, under their API names. */
function imageOptionFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const raw = ctx.getNodeParameter(imageOptionsProperty.name, itemIndex, {}) as IDataObject;
	const fields: IDataObject = {};
	for (const [name, value] of Object.entries(raw)) {
		if (name === COMPRESSION.name) {
			fields.output_compression = compression(ctx, itemIndex, value);
			continue;
		}
		if (CUSTOM_EDGES.some((edge) => edge.name === name)) continue;
		// Every other option is a choice: n8n drops the keys a collection no longer declares (an
		// option a workflow saved with an older version) before the node reads them.
		const field = CHOICE_FIELDS[name];
		const allowed = choiceValues(field.choices);
		if (typeof value !== 'string' || !allowed.includes(value)) {
			optionError(
				ctx,
				itemIndex,
				`${field.displayName} must be one of ${allowed.join(', ')}, but is ${JSON.stringify(value)}`,
				`Choose a ${field.displayName} from the list, or make the expression resolve to one of ${allowed.join(', ')}.`,
			);
		}
		fields[field.apiField] = value;
	}
	if (fields.size === 'custom') fields.size = customSizeField(ctx, itemIndex, raw);
	else if (CUSTOM_EDGES.some((edge) => raw[edge.name] !== undefined))
		optionError(
			ctx,
			itemIndex,
			'Custom Width and Custom Height apply only when Size is Custom',
			'Set Size to Custom, or remove Custom Width and Custom Height.',
		);
	return fields;
}

export function readEditParameters(ctx: IExecuteFunctions, itemIndex: number): EditParameters {
	const model = textParameter(ctx, itemIndex, 'imageModel', 'Model', {
		requiredFix: `Set Model, e.g. ${DEFAULT_EDIT_MODEL}.`,
	});
	const prompt = textParameter(ctx, itemIndex, 'prompt', 'Prompt', {
		requiredFix:
			'Describe what the model should make of the image, e.g. the default variation prompt.',
	});
	if (prompt.length > MAX_PROMPT_CHARS) {
		parameterError(
			ctx,
			itemIndex,
			`Prompt is ${prompt.length} characters long; the API accepts at most ${MAX_PROMPT_CHARS}`,
			'Shorten the prompt.',
		);
	}
	const n = numberOfImages(ctx, itemIndex);
	const fields = imageOptionFields(ctx, itemIndex);
	checkCombinations(ctx, itemIndex, model, fields);
	const user = userParameter(ctx, itemIndex);
	if (user) fields.user = user;
	return { model, prompt, n, fields };
}
