import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError, sleepWithAbort } from 'n8n-workflow';

import type { Headers, RetrySettings } from './retryPolicy';
import { decideRetry, headerValue } from './retryPolicy';
import type { VendorAdapter, VendorFailure } from './vendorError';
import { vendorApiError } from './vendorError';

export interface ApiRequest {
	credentialType: string;
	method: IHttpRequestMethods;
	url: string;
	/** A JSON object, or a global FormData for multipart uploads. */
	body?: IDataObject | FormData;
	timeoutMs: number;
	retry: RetrySettings;
	vendor: VendorAdapter;
	itemIndex: number;
}

export interface ApiResponse {
	body: unknown;
	headers: Headers;
	statusCode: number;
	attempts: number;
}

interface HttpClientError {
	code?: string;
	message?: string;
	response?: { status?: number; headers?: Headers; data?: unknown };
}

/** The HTTP client's error sits under n8n's NodeApiError wrapper as its cause. */
function clientError(error: unknown): HttpClientError {
	const cause = (error as { cause?: unknown })?.cause;
	return ((cause && typeof cause === 'object' ? cause : error) ?? {}) as HttpClientError;
}

function describeNetworkFailure(code: string | undefined, message: string | undefined, timeoutMs: number): string {
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return `no answer within ${timeoutMs} ms`;
	if (code === 'ECONNRESET') return 'the connection was reset before the response was complete';
	if (code === 'ECONNREFUSED') return 'the connection was refused';
	if (code === 'ENOTFOUND') return 'the host name could not be resolved';
	return message ? `network error: ${message}` : 'network error';
}

export function toFailure(vendor: VendorAdapter, error: unknown, timeoutMs: number): { failure: VendorFailure; headers?: Headers } {
	const { code, message, response } = clientError(error);
	if (response?.status === undefined) {
		return {
			failure: { message: describeNetworkFailure(code, message, timeoutMs), networkCode: code },
		};
	}
	const headers = response.headers;
	const parsed = vendor.parseError(response.status, response.data);
	return {
		headers,
		failure: {
			status: response.status,
			...parsed,
			requestId: vendor.requestIdHeader ? headerValue(headers, vendor.requestIdHeader) : undefined,
		},
	};
}

function isCancelled(ctx: IExecuteFunctions): boolean {
	return ctx.getExecutionCancelSignal()?.aborted === true;
}

export function cancelledError(ctx: IExecuteFunctions, itemIndex: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), 'The execution was cancelled', { itemIndex });
}

export interface RetryContext {
	vendor: VendorAdapter;
	retry: RetrySettings;
	timeoutMs: number;
	itemIndex: number;
}

/**
 * Runs one HTTP attempt until it succeeds, retrying what the retry policy allows and waiting
 * with n8n's abortable sleep so a cancelled execution stops at once. NodeOperationErrors thrown by
 * `attempt` (e.g. a download over its size cap) are final and passed through.
 */
export async function withRetries<T>(
	ctx: IExecuteFunctions,
	{ vendor, retry, timeoutMs, itemIndex }: RetryContext,
	attempt: () => Promise<T>,
): Promise<{ result: T; attempts: number }> {
	for (let attempts = 1; ; attempts++) {
		if (isCancelled(ctx)) throw cancelledError(ctx, itemIndex);
		try {
			return { result: await attempt(), attempts };
		} catch (error) {
			if (isCancelled(ctx)) throw cancelledError(ctx, itemIndex);
			// Final by design (e.g. a download over its size cap): the constructor returns it unchanged.
			if (error instanceof NodeOperationError) throw new NodeOperationError(ctx.getNode(), error);
			const { failure, headers } = toFailure(vendor, error, timeoutMs);
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
			ctx.logger.debug(`${vendor.name}: attempt ${attempts} failed, retrying`, {
				status: failure.status,
				code: failure.code ?? failure.networkCode,
				delayMs: decision.delayMs,
				itemIndex,
			});
			try {
				await sleepWithAbort(decision.delayMs, ctx.getExecutionCancelSignal());
			} catch {
				throw cancelledError(ctx, itemIndex);
			}
		}
	}
}

/**
 * The one request function every node uses for vendor APIs: n8n's authenticated HTTP helper
 * (credential injection, proxy, SSRF policy, cancellation) with retries and vendor-aware errors.
 */
export async function apiRequest(ctx: IExecuteFunctions, request: ApiRequest): Promise<ApiResponse> {
	const { result, attempts } = await withRetries(ctx, request, async () =>
		(await ctx.helpers.httpRequestWithAuthentication.call(ctx, request.credentialType, {
			method: request.method,
			url: request.url,
			body: request.body,
			json: !(request.body instanceof FormData),
			timeout: request.timeoutMs,
			returnFullResponse: true,
		})) as IN8nHttpFullResponse,
	);
	return {
		body: result.body,
		headers: result.headers as Headers,
		statusCode: result.statusCode,
		attempts,
	};
}
