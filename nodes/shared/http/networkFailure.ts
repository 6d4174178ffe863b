import { NodeApiError } from 'n8n-workflow';

import type { VendorFailure } from './vendorError';

// What a request that got no usable answer amounts to: the network error code, and the words for it.

/** Keywords of Node/axios network errors, as found in n8n's wrapped error messages. */
const NETWORK_CODES: Array<[string, RegExp]> = [
	['ECONNABORTED', /ECONNABORTED|timeout of \d+ms|connection was aborted/i],
	['ETIMEDOUT', /ETIMEDOUT|timed out/i],
	['ECONNRESET', /ECONNRESET|socket hang up|closed unexpectedly|\baborted\b|premature close/i],
	['ECONNREFUSED', /ECONNREFUSED|refused the connection/i],
	['ENOTFOUND', /ENOTFOUND|incorrect host/i],
	['EAI_AGAIN', /EAI_AGAIN|DNS server/i],
];

/**
 * The network error code of a failed request. n8n's authenticated helper wraps the client's error
 * in a NodeApiError that keeps only messages, so the code is recovered from those.
 */
export function networkCode(error: unknown): string | undefined {
	const e = (error ?? {}) as { code?: unknown; message?: unknown; messages?: unknown };
	if (typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code)) return e.code;
	const text = [e.message, ...(Array.isArray(e.messages) ? e.messages : [])].map(String).join(' ');
	return NETWORK_CODES.find(([, pattern]) => pattern.test(text))?.[0];
}

function describeNetworkFailure(code: string | undefined, timeoutMs: number): string {
	switch (code) {
		case 'ECONNABORTED':
		case 'ETIMEDOUT':
			return `no answer within ${timeoutMs} ms`;
		case 'ECONNRESET':
			return 'the connection was closed before the response was complete';
		case 'ECONNREFUSED':
			return 'the connection was refused';
		case 'ENOTFOUND':
			return 'the host name could not be resolved';
		case 'EAI_AGAIN':
			return 'the host name could not be resolved right now (DNS error)';
		default:
			return 'the connection failed';
	}
}

/**
 * What a failed attempt amounts to when no answer could be used: a network failure for errors of
 * the transport (n8n's HTTP helper wraps those in a NodeApiError, the client throws errors with
 * a network code); undefined for anything else, which is a fault to report as it is, not retry.
 */
export function transportFailure(error: unknown, timeoutMs: number): VendorFailure | undefined {
	const code = networkCode(error);
	const fromClient = (error as { isAxiosError?: unknown } | null)?.isAxiosError === true;
	if (code === undefined && !fromClient && !(error instanceof NodeApiError)) return undefined;
	return { message: describeNetworkFailure(code, timeoutMs), networkCode: code };
}
