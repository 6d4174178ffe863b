import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Choice } from '../../shared/parameters';
import {
	choiceOptions,
	choiceValues,
	describeType,
	parameterError,
	textParameter,
} from '../../shared/parameters';
import { editModelFamily } from './editModels';
import { numberOfImages, userParameter } from './parameters';

// API "Edits (GPT Image models)": the parameters of POST /images/edits (CreateImageEditRequest in
// OpenAI's API reference), one table per dropdown for both the UI and the check.

export const editsOnly = { show: { api: ['edits'] } };

export const DEFAULT_EDIT_MODEL = 'gpt-image-1.5';
export const KNOWN_EDIT_MODELS = [
	'gpt-image-1.5',
	'gpt-image-2',
	'gpt-image-1',
	'gpt-image-1-mini',
	'chatgpt-image-latest',
];
export const DEFAULT_VARIATION_PROMPT =
	'Create a variation of this image: keep its subject, composition and style, and vary the details.';
const MAX_PROMPT_CHARS = 32_000;

const SIZES: ReadonlyArray<Choice> = [
	['Auto', 'auto', 'The model picks the size'],
	['1024×1024 (Square)', '1024x1024'],
	['1536×1024 (Landscape)', '1536x1024'],
	['1024×1536 (Portrait)', '1024x1536'],
];
const QUALITIES: ReadonlyArray<Choice> = [
	['Auto', 'auto', 'The model picks the quality'],
	['Low', 'low'],
	['Medium', 'medium'],
	['High', 'high'],
	['X-High', 'xhigh', 'gpt-image-2.5 and 2.6'],
	['Max', 'max', 'gpt-image-2.5 and 2.6'],
];
const COMPLEXITIES: ReadonlyArray<Choice> = [
	['Low', 'low'],
	['Medium', 'medium'],
	['High', 'high'],
];
const BACKGROUNDS: ReadonlyArray<Choice> = [
	['Auto', 'auto', 'The model picks'],
	['Transparent', 'transparent', 'Needs PNG or WEBP output'],
	['Opaque', 'opaque'],
];
const OUTPUT_FORMATS: ReadonlyArray<Choice> = [
	['PNG', 'png'],
	['JPEG', 'jpeg'],
	['WEBP', 'webp'],
];
const INPUT_FIDELITIES: ReadonlyArray<Choice> = [
	['Low', 'low'],
	['High', 'high', 'Keeps faces, logos and other details of the input closer'],
];
const MODERATIONS: ReadonlyArray<Choice> = [
	['Auto', 'auto', 'OpenAI’s standard filtering'],
	['Low', 'low', 'Less restrictive filtering'],
];

interface ChoiceField {
	displayName: string;
	/** The field's name in the request body. */
	apiField: string;
	choices: ReadonlyArray<Choice>;
	description: string;
}

/** The dropdowns of Image Options: each is sent only when the user added it. */
const CHOICE_FIELDS: Record<string, ChoiceField> = {
	size: {
		displayName: 'Size',
		apiField: 'size',
		choices: SIZES,
		description: 'Size of the generated images',
	},
	quality: {
		displayName: 'Quality',
		apiField: 'quality',
		choices: QUALITIES,
		description:
			'Higher quality costs more output tokens and takes longer; X-High and Max need gpt-image-2.5 or 2.6',
	},
	complexity: {
		displayName: 'Complexity',
		apiField: 'complexity',
		choices: COMPLEXITIES,
		description: 'How complex a scene the model plans for (gpt-image-2.5 and 2.6)',
	},
	background: {
		displayName: 'Background',
		apiField: 'background',
		choices: BACKGROUNDS,
		description: 'Transparency of the background; transparent needs PNG or WEBP output',
	},
	outputFormat: {
		displayName: 'Output Format',
		apiField: 'output_format',
		choices: OUTPUT_FORMATS,
		description: 'Format of the generated images (the API’s default is PNG)',
	},
	inputFidelity: {
		displayName: 'Input Fidelity',
		apiField: 'input_fidelity',
		choices: INPUT_FIDELITIES,
		description:
			'How closely the result follows the input image’s features; gpt-image-1-mini supports Low only',
	},
	moderation: {
		displayName: 'Moderation',
		apiField: 'moderation',
		choices: MODERATIONS,
		description: 'Strictness of OpenAI’s content filtering of the generated images',
	},
};

const COMPRESSION = {
	displayName: 'Output Compression',
	name: 'outputCompression',
	min: 0,
	max: 100,
};

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
	name: 'imageOptions',
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
	].sort((a, b) => a.displayName.localeCompare(b.displayName)),
};

export interface EditParameters {
	model: string;
	prompt: string;
	n: number;
	/** The request body's optional fields, by their API names, as the user set them. */
	fields: IDataObject;
}

function optionError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	fix: string,
): never {
	return parameterError(ctx, itemIndex, `Image Options › ${message}`, fix);
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

/** The Image Options the user added, checked, under their API names. */
function imageOptionFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const raw = ctx.getNodeParameter(imageOptionsProperty.name, itemIndex, {}) as IDataObject;
	const fields: IDataObject = {};
	for (const [name, value] of Object.entries(raw)) {
		if (name === COMPRESSION.name) {
			fields.output_compression = compression(ctx, itemIndex, value);
			continue;
		}
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
	return fields;
}

/** Combinations the API refuses, caught before the upload. */
function checkCombinations(
	ctx: IExecuteFunctions,
	itemIndex: number,
	model: string,
	fields: IDataObject,
): void {
	const format = (fields.output_format as string | undefined) ?? 'png';
	if (fields.output_compression !== undefined && format === 'png') {
		optionError(
			ctx,
			itemIndex,
			'Output Compression applies to JPEG and WEBP output only, but Output Format is PNG',
			'Set Output Format to JPEG or WEBP, or remove Output Compression.',
		);
	}
	if (fields.background === 'transparent' && format === 'jpeg') {
		optionError(
			ctx,
			itemIndex,
			'a transparent Background needs PNG or WEBP output, but Output Format is JPEG',
			'Set Output Format to PNG or WEBP, or Background to Auto or Opaque.',
		);
	}
	checkModelFields(ctx, itemIndex, model, fields);
}

/** Fields the model's family refuses (editModels.ts); a model of no family is not checked. */
function checkModelFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	model: string,
	fields: IDataObject,
): void {
	const family = editModelFamily(model);
	if (!family) return;
	const fidelity = fields.input_fidelity as string | undefined;
	if (fidelity !== undefined && family.inputFidelity && !family.inputFidelity.includes(fidelity)) {
		if (family.inputFidelity.length === 0)
			optionError(
				ctx,
				itemIndex,
				`${model} does not take Input Fidelity (OpenAI refuses it for ${family.name})`,
				'Remove Input Fidelity, or use gpt-image-1.5, which takes it.',
			);
		optionError(
			ctx,
			itemIndex,
			`${model} supports Input Fidelity ${family.inputFidelity.map(capitalised).join(' or ')} only`,
			`Set Input Fidelity to ${family.inputFidelity.map(capitalised).join(' or ')}, or use gpt-image-1.5 or gpt-image-1.`,
		);
	}
	const quality = fields.quality as string | undefined;
	if (quality !== undefined && family.qualities && !family.qualities.includes(quality))
		optionError(
			ctx,
			itemIndex,
			`Quality ${quality} needs gpt-image-2.5 or 2.6; ${model} takes Auto, Low, Medium or High`,
			`Set Quality to High, or Model to a gpt-image-2.5 or gpt-image-2.6 model.`,
		);
	if (fields.complexity !== undefined && family.complexity === false)
		optionError(
			ctx,
			itemIndex,
			`${model} does not take Complexity (gpt-image-2.5 and 2.6 do)`,
			`Remove Complexity, or set Model to a gpt-image-2.5 or gpt-image-2.6 model.`,
		);
}

const capitalised = (value: string) => `${value[0].toUpperCase()}${value.slice(1)}`;

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
