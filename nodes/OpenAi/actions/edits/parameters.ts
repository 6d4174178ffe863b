import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Choice } from '../../../shared/parameters';
import {
	choiceValues,
	describeType,
	parameterError,
	textParameter,
} from '../../../shared/parameters';
import { orList } from '../../../shared/text';
import { numberOfImages, userParameter } from '../common';
import type { EditModelFamily } from './models';
import {
	CHOICE_FIELDS,
	COMPRESSION,
	CUSTOM_EDGES,
	customRuleText,
	DEFAULT_EDIT_MODEL,
	IMAGE_OPTIONS,
	customSizeProblem,
	editModelFamily,
	familiesWhere,
	FIXED_SIZE_TEXT,
	FIXED_SIZES,
	MAX_PROMPT_CHARS,
	nearestCustomSize,
	OUTPUT_FORMATS,
	QUALITIES,
} from './models';

// API "Edits (GPT Image models)": an item's parameters of POST /images/edits, read as the request
// sends them and checked before the upload against what the model's family takes.

// API "Edits (GPT Image models)": the Model and Prompt parameters, and reading an item's
// parameters of POST /images/edits, checked, as the request sends them.

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
	const raw = ctx.getNodeParameter(IMAGE_OPTIONS, itemIndex, {}) as IDataObject;
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

// The Image Options combinations the API refuses, caught before the upload: the schema's own, and
// per model family those of the model table (editModels.ts).

export function optionError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	fix: string,
): never {
	return parameterError(ctx, itemIndex, `Image Options › ${message}`, fix);
}

/** The edges of a WIDTHxHEIGHT size, or undefined for one of the fixed sizes (or none). */
export function customSizeOf(fields: IDataObject): [number, number] | undefined {
	const size = fields.size;
	if (typeof size !== 'string' || FIXED_SIZES.includes(size)) return undefined;
	const [width, height] = size.split('x').map(Number);
	return [width, height];
}

const labelOf = (choices: ReadonlyArray<Choice>, value: string) =>
	choices.find((choice) => choice[1] === value)?.[0] ?? value;
const labelsOf = (choices: ReadonlyArray<Choice>, values: readonly string[]) =>
	orList(values.map((value) => labelOf(choices, value)));

/** Combinations the API refuses, caught before the upload. */
export function checkCombinations(
	ctx: IExecuteFunctions,
	itemIndex: number,
	model: string,
	fields: IDataObject,
): void {
	const format = (fields.output_format as string | undefined) ?? 'png';
	if (fields.output_compression !== undefined && !['jpeg', 'webp'].includes(format)) {
		optionError(
			ctx,
			itemIndex,
			`Output Compression applies to JPEG and WEBP output only, but Output Format is ${labelOf(OUTPUT_FORMATS, format)}`,
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
	const family = editModelFamily(model);
	if (family) checkModelFields(ctx, itemIndex, { model, family, fields });
}

interface ModelFields {
	model: string;
	family: EditModelFamily;
	fields: IDataObject;
}

/** Fields the model's family refuses (editModels.ts); a model of no family is not checked. */
function checkModelFields(ctx: IExecuteFunctions, itemIndex: number, checked: ModelFields): void {
	const { model, family, fields } = checked;
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
			`${model} supports Input Fidelity ${orList(family.inputFidelity.map(capitalised))} only`,
			`Set Input Fidelity to ${orList(family.inputFidelity.map(capitalised))}, or use gpt-image-1.5 or gpt-image-1.`,
		);
	}
	const quality = fields.quality as string | undefined;
	if (quality !== undefined && family.qualities && !family.qualities.includes(quality)) {
		const takers = familiesWhere((other) => other.qualities?.includes(quality) === true);
		optionError(
			ctx,
			itemIndex,
			`Quality ${quality} needs ${takers}; ${model} takes ${labelsOf(QUALITIES, family.qualities)}`,
			`Set Quality to ${labelOf(QUALITIES, family.qualities.at(-1)!)}, or Model to a ${takers} model.`,
		);
	}
	if (fields.complexity !== undefined && family.complexity === false) {
		const takers = familiesWhere((other) => other.complexity === true);
		optionError(
			ctx,
			itemIndex,
			`${model} does not take Complexity (it needs ${takers})`,
			`Remove Complexity, or set Model to a ${takers} model.`,
		);
	}
	checkFormatAndSize(ctx, itemIndex, checked);
}

function checkFormatAndSize(ctx: IExecuteFunctions, itemIndex: number, checked: ModelFields): void {
	const { model, family, fields } = checked;
	const format = fields.output_format as string | undefined;
	if (format !== undefined && family.outputFormats && !family.outputFormats.includes(format)) {
		const takers = familiesWhere((other) => other.outputFormats?.includes(format) === true);
		optionError(
			ctx,
			itemIndex,
			`Output Format ${labelOf(OUTPUT_FORMATS, format)} needs ${takers}; ${model} makes ${labelsOf(OUTPUT_FORMATS, family.outputFormats)}`,
			`Set Output Format to PNG, or Model to a ${takers} model.`,
		);
	}
	const custom = customSizeOf(fields);
	if (!custom || family.customSize === undefined) return;
	const [width, height] = custom;
	if (family.customSize === false)
		optionError(
			ctx,
			itemIndex,
			`${model} takes only the fixed sizes (${FIXED_SIZE_TEXT}); Custom sizes need ${familiesWhere((other) => Boolean(other.customSize))}`,
			'Choose one of the fixed sizes, or set Model to gpt-image-2.',
		);
	const problem = customSizeProblem(width, height, family.customSize);
	if (problem) {
		const [w, h] = nearestCustomSize(width, height, family.customSize);
		optionError(
			ctx,
			itemIndex,
			`Custom size ${width}×${height} is not one ${model} takes: ${problem}`,
			`Set Custom Width to ${w} and Custom Height to ${h}, the nearest size it takes (${customRuleText(family.customSize)}).`,
		);
	}
}

const capitalised = (value: string) => `${value[0].toUpperCase()}${value.slice(1)}`;
