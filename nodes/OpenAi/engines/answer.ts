import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiResponse } from '../../shared/http/client';
import type { VendorAdapter } from '../../shared/http/vendorError';
import { invalidResponseError } from '../../shared/http/vendorError';
import { asObject, asString } from '../../shared/text';

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
