import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { StreamedBody } from './streamedJson';
import { RequestGate } from './requestGate';
import type { RawResponse, RetryContext } from './retryLoop';
import { withRetries } from './retryLoop';
import type { Headers, RetrySettings } from './retryPolicy';
import { headerValue } from './retryPolicy';
import type { VendorAdapter } from './vendorError';

/** A JSON object, a global FormData for multipart uploads, or a body streamed as it is sent. */
export type ApiBody = IDataObject | FormData | StreamedBody;

export interface ApiResponse extends RawResponse {
	attempts: number;
}

/** Everything a run's API calls share; read once per run. */
export interface ApiClientConfig {
	credentialType: string;
	/** Without a trailing slash; paths are appended to it. */
	baseUrl: string;
	vendor: VendorAdapter;
	timeoutMs: number;
	retry: RetrySettings;
	/** Requests in flight at the most, lowered for the run when the API answers 429. */
	concurrency: number;
}

/**
 * A vendor API bound for one node run: credential, base URL, timeout, retry policy, vendor error
 * adapter and the run's request gate are inside, so a call site names only what differs and no
 * request can go around the gate.
 */
export interface ApiClient {
	readonly baseUrl: string;
	post(path: string, body: ApiBody, itemIndex: number): Promise<ApiResponse>;
	get(path: string, itemIndex: number): Promise<ApiResponse>;
}

interface ApiRequest extends RetryContext {
	credentialType: string;
	method: IHttpRequestMethods;
	url: string;
	gate: RequestGate;
	body?: ApiBody;
}

function redirectError(
	ctx: IExecuteFunctions,
	request: ApiRequest,
	response: RawResponse,
): NodeOperationError {
	const location = headerValue(response.headers, 'location');
	const target = location ? new URL(location, request.url) : undefined;
	// Only scheme, host and path: a query could carry a token.
	const where = target ? ` to ${target.origin}${target.pathname}` : '';
	return new NodeOperationError(
		ctx.getNode(),
		`${request.vendor.name} answered with a redirect (HTTP ${response.statusCode})${where} instead of a result`,
		{
			itemIndex: request.itemIndex,
			description:
				'API requests are not redirected, because a redirected upload loses its body. Set the Base URL in the credential to the address the API answers at without a redirect (e.g. https:// rather than http://).',
		},
	);
}

/**
 * One API call: n8n's authenticated HTTP helper (credential injection, proxy, SSRF policy,
 * cancellation) with retries and vendor-aware errors, every attempt through the gate.
 */
async function apiRequest(ctx: IExecuteFunctions, request: ApiRequest): Promise<ApiResponse> {
	const { response, attempts } = await withRetries(
		ctx,
		request,
		async () => {
			const ticket = await request.gate.acquire();
			let status: number | undefined;
			try {
				const response = await send(ctx, request);
				status = response.statusCode;
				return response;
			} finally {
				request.gate.release(ticket, status);
			}
		},
		async (response) => {
			if (response.statusCode >= 300) throw redirectError(ctx, request, response);
		},
	);
	return { ...response, attempts };
}

/** One attempt through n8n's authenticated HTTP helper; every status comes back as an answer. */
async function send(ctx: IExecuteFunctions, request: ApiRequest): Promise<RawResponse> {
	const full = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, request.credentialType, {
		method: request.method,
		url: request.url,
		body: request.body as IHttpRequestOptions['body'],
		// Sets Accept: application/json; bodies that are not plain objects are sent as they are.
		json: !(request.body instanceof FormData),
		timeout: request.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Following redirects makes the client keep every byte of the upload in memory for a
		// possible replay, and a redirected POST would lose its body anyway: a redirect is
		// reported instead, naming the address to use.
		disableFollowRedirect: true,
	})) as IN8nHttpFullResponse;
	return { statusCode: full.statusCode, headers: full.headers as Headers, body: full.body };
}

export function createApiClient(ctx: IExecuteFunctions, config: ApiClientConfig): ApiClient {
	const gate = new RequestGate(config.concurrency);
	const { credentialType, baseUrl, vendor, timeoutMs, retry } = config;
	const call = async (
		method: IHttpRequestMethods,
		path: string,
		itemIndex: number,
		body?: ApiBody,
	) =>
		await apiRequest(ctx, {
			credentialType,
			method,
			url: `${baseUrl}${path}`,
			body,
			gate,
			vendor,
			timeoutMs,
			retry,
			itemIndex,
		});
	return {
		baseUrl,
		post: async (path, body, itemIndex) => await call('POST', path, itemIndex, body),
		get: async (path, itemIndex) => await call('GET', path, itemIndex),
	};
}
