import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Choice } from '../../shared/parameters';
import { parameterError } from '../../shared/parameters';
import { orList } from '../../shared/text';
import { customRuleText, customSizeProblem, nearestCustomSize } from './customSize';
import type { EditModelFamily } from './editModels';
import { FIXED_SIZES, editModelFamily, familiesWhere } from './editModels';
import { FIXED_SIZE_TEXT, OUTPUT_FORMATS, QUALITIES } from './editOptions';

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
