import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiResponse } from '../../shared/http/client';
import type { VendorAdapter } from '../../shared/http/vendorError';
import { invalidResponseError } from '../../shared/http/vendorError';
import { parameterError, textParameter } from '../../shared/parameters';
import type { BooleanOptionSpec } from '../../shared/run/optionSpecs';
import { asObject, asString } from '../../shared/text';

// What both APIs of the OpenAI node share: Number of Images, User and Download URL Results, and
// reading the answer's data entries.

// Parameters both OpenAI APIs of the node read: Number of Images, User, Download URL Results.

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

/**
 * Both APIs' entry of the Options collection: Variations answers URLs when asked to, and gateways
 * may answer /images/edits with URLs too (OpenAI itself answers GPT Image models with b64_json).
 */
export const DOWNLOAD_URL_RESULTS: BooleanOptionSpec = {
	type: 'boolean',
	displayName: 'Download URL Results',
	default: true,
	description:
		'Whether to download images returned as URLs into binary data; off outputs only the URLs (OpenAI’s are valid for 60 minutes)',
	showWhen: { api: ['variations', 'edits'] },
};

// What both OpenAI APIs read of an answer: its `data` entries, and an entry's revised prompt.

/** The answer's data entries, or the error that says the answer has none. */
export function answerData(
	ctx: IExecuteFunctions,
	itemIndex: number,
	response: ApiResponse,
	vendor: VendorAdapter,
): IDataObject[] {
	const data = asObject(response.body).data;
	if (Array.isArray(data) && data.length > 0) return data.map((raw: unknown) => asObject(raw));
	const problem =
		typeof response.body === 'string' ? 'the body is not JSON' : 'it has no data array';
	throw invalidResponseError(ctx, vendor, problem, itemIndex, response.statusCode);
}

/** The entry's revised_prompt, when it has one. */
export function revisedPrompt(entry: IDataObject): IDataObject {
	return asString(entry.revised_prompt) ? { revised_prompt: entry.revised_prompt } : {};
}
