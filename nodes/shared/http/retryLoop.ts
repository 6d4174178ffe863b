import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { cancelledError, isCancelled, sleepUnlessCancelled } from '../cancellation';
import { asNodeError } from '../nodeErrors';
import { redactorOf } from '../redaction';
import type { Headers, RetrySettings } from './retryPolicy';
import { decideRetry, headerValue } from './retryPolicy';
import { ssrfBlock, ssrfBlockedError } from './ssrf';
import type { VendorAdapter, VendorFailure } from './vendorError';
import { vendorApiError } from './vendorError';

export interface RetryContext {
	vendor: VendorAdapter;
	retry: RetrySettings;
	timeoutMs: number;
	itemIndex: number;
}

/** An HTTP answer of any status: requests are sent with ignoreHttpStatusErrors so headers survive. */
export interface RawResponse {
	statusCode: number;
	headers: Headers;
	body: unknown;
}

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
function transportFailure(error: unknown, timeoutMs: number): VendorFailure | undefined {
	const code = networkCode(error);
	const fromClient = (error as { isAxiosError?: unknown } | null)?.isAxiosError === true;
	if (code === undefined && !fromClient && !(error instanceof NodeApiError)) return undefined;
	return { message: describeNetworkFailure(code, timeoutMs), networkCode: code };
}

/**
 * Sends until an answer is accepted, retrying what the retry policy allows, waiting with n8n's
 * abortable sleep so a cancelled execution stops at once. `accept` turns a 2xx/3xx answer into
 * the result; a NodeOperationError from it is final (e.g. a download over its size cap). Errors
 * of the transport (no answer, a body cut off while being read) count as network failures and
 * are retried; any other error is passed on as it is, never retried or renamed.
 */
export async function withRetries<T>(
	ctx: IExecuteFunctions,
	{ vendor, retry, timeoutMs, itemIndex }: RetryContext,
	send: () => Promise<RawResponse>,
	accept: (response: RawResponse) => Promise<T>,
	readErrorBody: (response: RawResponse) => Promise<unknown> = async (response) => response.body,
): Promise<{ result: T; attempts: number; response: RawResponse }> {
	for (let attempts = 1; ; attempts++) {
		if (isCancelled(ctx)) throw cancelledError(ctx, itemIndex);
		let failure: VendorFailure;
		let headers: Headers | undefined;
		try {
			const response = await send();
			if (response.statusCode < 400) return { result: await accept(response), attempts, response };
			const body = await readErrorBody(response);
			headers = response.headers;
			// The one place a server's error text enters: a key it echoes is redacted here.
			failure = redactorOf(ctx).value({
				status: response.statusCode,
				...vendor.parseError(response.statusCode, body),
				requestId: vendor.requestIdHeader
					? headerValue(response.headers, vendor.requestIdHeader)
					: undefined,
			});
		} catch (error) {
			if (isCancelled(ctx)) throw cancelledError(ctx, itemIndex);
			const blocked = ssrfBlock(error);
			if (blocked) throw ssrfBlockedError(ctx, vendor.name, blocked, itemIndex);
			// A NodeOperationError from `accept` is final by design (e.g. a download over its cap).
			const transport =
				error instanceof NodeOperationError ? undefined : transportFailure(error, timeoutMs);
			if (!transport) throw asNodeError(ctx, error, itemIndex);
			failure = transport;
		}

		failure.attempts = attempts;
		const decision = decideRetry(vendor, retry, failure, headers, attempts - 1);
		if (!decision.retry) {
			if (decision.reason === 'retry-after-too-long') {
				failure.details = [
					...(failure.details ?? []),
					`the server asked to wait ${Math.ceil((decision.requestedMs ?? 0) / 1000)} s before retrying, longer than the Max Retry-After Wait option (${Math.ceil(retry.maxRetryAfterMs / 1000)} s)`,
				];
			}
			throw vendorApiError(ctx, vendor, failure, itemIndex);
		}
		ctx.logger.debug(
			`${vendor.name}: attempt ${attempts} failed, retrying in ${decision.delayMs} ms`,
			{
				status: failure.status,
				code: failure.code ?? failure.networkCode,
				itemIndex,
			},
		);
		await sleepUnlessCancelled(ctx, decision.delayMs, itemIndex);
	}
}
