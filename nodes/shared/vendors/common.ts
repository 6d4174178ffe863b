import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

export function asString(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value : undefined;
}

/** An error body that is not JSON (an HTML error page from a proxy, say), reduced to one line. */
export function plainText(body: unknown, max = 200): string | undefined {
	if (typeof body !== 'string' || !body.trim()) return undefined;
	const text = body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A credential's base URL without trailing slashes, checked to be http(s). */
export function checkedBaseUrl(ctx: IExecuteFunctions, value: unknown, credentialName: string): string {
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
			{ description: 'Open the credential and set Base URL to an address such as https://api.example.com.' },
		);
	}
	return text;
}
