import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Choice } from '../../shared/parameters';
import { choiceOptions, choiceParameter, choiceValues } from '../../shared/parameters';

// Parameters both Novita engines read.

const RESPONSE_IMAGE_TYPES: ReadonlyArray<Choice<'png' | 'webp' | 'jpeg'>> = [
	['PNG', 'png'],
	['WEBP', 'webp'],
	['JPEG', 'jpeg'],
];

export const outputImageTypeProperty: INodeProperties = {
	displayName: 'Output Image Type',
	name: 'responseImageType',
	type: 'options',
	options: choiceOptions(RESPONSE_IMAGE_TYPES),
	default: 'png',
	description:
		'Format of the returned image (extra.response_image_type, or output_format for Qwen Image Edit)',
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
