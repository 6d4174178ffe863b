import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { truncate } from '../text';

/** Parses a URL the user or a vendor gave and accepts only http(s). */
export function parseHttpUrl(
	ctx: IExecuteFunctions,
	value: string,
	itemIndex: number,
	what: string,
): URL {
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new NodeOperationError(
			ctx.getNode(),
			`${what} is not a valid URL: "${truncate(value)}"`,
			{
				itemIndex,
				description: 'Give a full address starting with https:// (or http://).',
			},
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new NodeOperationError(
			ctx.getNode(),
			`${what} must use http or https, not "${url.protocol.replace(':', '')}": "${truncate(value)}"`,
			{ itemIndex, description: 'Only http:// and https:// addresses can be downloaded.' },
		);
	}
	return url;
}
