import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError, textParameter } from '../../shared/parameters';

// Parameters both OpenAI APIs of the node read: Number of Images and User.

export const MAX_IMAGES = 10;

export const numberOfImagesProperty: INodeProperties = {
	displayName: 'Number of Images',
	name: 'n',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_IMAGES, numberPrecision: 0 },
	default: 1,
	description: 'How many variations to generate (1 to 10); each becomes one output item',
};

export const userProperty: INodeProperties = {
	displayName: 'User',
	name: 'user',
	type: 'string',
	default: '',
	description: 'Optional ID of your end user, which helps the provider detect abuse',
};

export function numberOfImages(ctx: IExecuteFunctions, itemIndex: number): number {
	const n = ctx.getNodeParameter(
		numberOfImagesProperty.name,
		itemIndex,
		numberOfImagesProperty.default,
	) as unknown;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_IMAGES) {
		parameterError(
			ctx,
			itemIndex,
			`Number of Images must be a whole number from 1 to ${MAX_IMAGES}, but is ${JSON.stringify(n)}`,
			`Set Number of Images between 1 and ${MAX_IMAGES}.`,
		);
	}
	return n;
}

/** The User parameter; '' when not set (then it is not sent). */
export function userParameter(ctx: IExecuteFunctions, itemIndex: number): string {
	return textParameter(ctx, itemIndex, userProperty.name, userProperty.displayName);
}
