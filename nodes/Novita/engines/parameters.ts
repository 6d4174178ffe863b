import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Choice } from '../../shared/parameters';
import { choiceOptions, choiceParameter, choiceValues } from '../../shared/parameters';
import { enginesWhere } from '../models';

// Parameters the classic endpoint and the models both read.

const RESPONSE_IMAGE_TYPES: ReadonlyArray<Choice<'png' | 'webp' | 'jpeg'>> = [
	['PNG', 'png'],
	['WEBP', 'webp'],
	['JPEG', 'jpeg'],
];

/** Engines that send Output Image Type: the classic endpoint and the models that take one. */
export const OUTPUT_TYPE_ENGINES = [
	'classic',
	...enginesWhere((model) => model.outputFormatField !== undefined),
];

export const outputImageTypeProperty: INodeProperties = {
	displayName: 'Output Image Type',
	name: 'responseImageType',
	type: 'options',
	options: choiceOptions(RESPONSE_IMAGE_TYPES),
	default: 'png',
	displayOptions: { show: { engine: OUTPUT_TYPE_ENGINES } },
	description:
		'Format of the returned image (extra.response_image_type, or the model’s output_format)',
};

/** The Output Image Type of the item, checked (it can come from an expression). */
export function outputImageType(ctx: IExecuteFunctions, itemIndex: number) {
	return choiceParameter(
		ctx,
		itemIndex,
		outputImageTypeProperty,
		choiceValues(RESPONSE_IMAGE_TYPES),
		{
			fix: 'Choose PNG, WEBP or JPEG, or make the expression resolve to png, webp or jpeg.',
		},
	);
}
