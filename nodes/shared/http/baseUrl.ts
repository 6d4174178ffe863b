import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A credential's base URL without trailing slashes, checked to be http(s). */
export function checkedBaseUrl(
	ctx: IExecuteFunctions,
	value: unknown,
	credentialName: string,
): string {
	const text = typeof value === 'string' ? value.trim().replace(/\/+$/, '') : '';
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The Base URL in the ${credentialName} credential is not a valid http(s) URL: "${text}"`,
			{
				description:
					'Open the credential and set Base URL to an address such as https://api.example.com.',
			},
		);
	}
	return text;
}
