import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cancelledError, isCancelled, sleepUnlessCancelled } from '../cancellation';
import { asNodeError } from '../nodeErrors';
import { redactorOf } from '../redaction';
import type { ByteStream } from './downloadBody';
import { downloadAdapter, readCapped, readErrorPage } from './downloadBody';
import { parseHttpUrl } from './httpUrl';
import { transportFailure } from './networkFailure';
import { RequestGate } from './requestGate';
import type { Headers, RequestKind, RetrySettings } from './retryPolicy';
import { decideRetry, headerValue } from './retryPolicy';
import { ssrfBlock, ssrfBlockedError } from './ssrf';
import type { StreamedBody } from './streamedJson';
import type { PolledTask, TaskPolling } from './taskPoller';
import { nextPollDelayMs, taskTimeoutMessage } from './taskPoller';
import type { VendorAdapter, VendorFailure } from './vendorError';
import { paidOutcomeUnknownError, vendorApiError } from './vendorError';

// The one HTTP client of a node run. Every request of every vendor goes through it: API calls
// with the credential through the run's gate, a task's status checks until it is done, downloads
// of public or pre-signed URLs without the credential, each attempt by n8n's own HTTP helpers (proxy, SSRF policy, cancellation), retried as the pure
// policy of retryPolicy.ts decides. A request declares its kind: a paid one (a generation, a task
// submit) is only sent again when the vendor cannot have taken it.

export type { RequestKind } from './retryPolicy';

/** A JSON object, a global FormData for multipart uploads, or a body streamed as it is sent. */
export type ApiBody = IDataObject | FormData | StreamedBody;

/** An HTTP answer of any status: requests are sent with ignoreHttpStatusErrors so headers survive. */
export interface RawResponse {
	statusCode: number;
	headers: Headers;
	body: unknown;
}

export interface ApiResponse extends RawResponse {
	attempts: number;
}

export interface DownloadedFile {
	buffer: Buffer;
	/** The Content-Type the server sent, without parameters. */
	contentType?: string;
	url: string;
	attempts: number;
}

/** Everything a run's requests share; read once per run. */
export interface HttpClientConfig {
	credentialType: string;
	/** Without a trailing slash; paths are appended to it. */
	baseUrl: string;
	vendor: VendorAdapter;
	timeoutMs: number;
	retry: RetrySettings;
	/** API requests in flight at the most, lowered for the run when the API answers 429. */
	concurrency: number;
	/** Largest file a download reads. */
	maxDownloadBytes: number;
}

export interface HttpClient {
	readonly baseUrl: string;
	/** An API call with the credential; `kind` says whether sending it again can cost money. */
	post(path: string, body: ApiBody, itemIndex: number, kind: RequestKind): Promise<ApiResponse>;
	/** A free API call with the credential (a status check). */
	get(path: string, itemIndex: number): Promise<ApiResponse>;
	/**
	 * Waits for a submitted task: checks its status at growing intervals while it is pending, until
	 * it is not, or Max Wait is reached (an error naming the task, so it can still be looked up).
	 * A failed check is retried like any free request; the task is never submitted again.
	 */
	poll<T extends PolledTask>(task: T, itemIndex: number, polling: TaskPolling<T>): Promise<T>;
	/**
	 * A public or pre-signed file, without the credential, streamed under Max Download Size.
	 * `label` starts the size and address messages, `source` names the host in failure messages.
	 */
	download(
		url: string,
		itemIndex: number,
		names: { label: string; source: string },
	): Promise<DownloadedFile>;
	/**
	 * A body sent to a pre-signed URL (a vendor's storage) without the credential, with exactly the
	 * `headers` the vendor signed; a free request, retried as one (the body is re-read each time).
	 * `storage` reads the storage's errors.
	 */
	put(
		url: string,
		body: StreamedBody,
		headers: Record<string, string>,
		itemIndex: number,
		storage: VendorAdapter,
	): Promise<void>;
	/** A vendor's generated images, all downloaded at once (their URLs expire); each settles on its own. */
	downloadResults(
		urls: string[],
		itemIndex: number,
		vendorName: string,
	): Promise<Array<PromiseSettledResult<DownloadedFile>>>;
}

/** What one request's attempts share. */
interface Attempts {
	vendor: VendorAdapter;
	kind: RequestKind;
	itemIndex: number;
}

function redirectError(
	ctx: IExecuteFunctions,
	vendor: VendorAdapter,
	url: string,
	response: RawResponse,
	itemIndex: number,
): NodeOperationError {
	const location = headerValue(response.headers, 'location');
	const target = location ? new URL(location, url) : undefined;
	// Only scheme, host and path: a query could carry a token.
	const where = target ? ` to ${target.origin}${target.pathname}` : '';
	return new NodeOperationError(
		ctx.getNode(),
		`${vendor.name} answered with a redirect (HTTP ${response.statusCode})${where} instead of a result`,
		{
			itemIndex,
			description:
				'API requests are not redirected, because a redirected upload loses its body. Set the Base URL in the credential to the address the API answers at without a redirect (e.g. https:// rather than http://).',
		},
	);
}

export function createHttpClient(ctx: IExecuteFunctions, config: HttpClientConfig): HttpClient {
	const gate = new RequestGate(config.concurrency);
	const { vendor, timeoutMs, retry } = config;

	/**
	 * Sends until an answer is accepted, retrying what the retry policy allows, waiting with n8n's
	 * abortable sleep so a cancelled execution stops at once. `accept` turns a 2xx/3xx answer into
	 * the result; a NodeOperationError from it is final (e.g. a download over its size cap). Errors
	 * of the transport (no answer, a body cut off while being read) count as network failures;
	 * any other error is passed on as it is, never retried or renamed.
	 */
	async function attempt<T>(
		{ vendor: source, kind, itemIndex }: Attempts,
		send: () => Promise<RawResponse>,
		accept: (response: RawResponse) => Promise<T>,
		readErrorBody: (response: RawResponse) => Promise<unknown>,
	): Promise<{ result: T; attempts: number }> {
		for (let attempts = 1; ; attempts++) {
			if (isCancelled(ctx)) throw cancelledError(ctx, itemIndex);
			let failure: VendorFailure;
			let headers: Headers | undefined;
			try {
				const response = await send();
				if (response.statusCode < 400) return { result: await accept(response), attempts };
				const body = await readErrorBody(response);
				headers = response.headers;
				// The one place a server's error text enters: a key it echoes is redacted here.
				failure = redactorOf(ctx).value({
					status: response.statusCode,
					...source.parseError(response.statusCode, body),
					requestId: source.requestIdHeader
						? headerValue(response.headers, source.requestIdHeader)
						: undefined,
				});
			} catch (error) {
				if (isCancelled(ctx)) throw cancelledError(ctx, itemIndex);
				const blocked = ssrfBlock(error);
				if (blocked) throw ssrfBlockedError(ctx, source.name, blocked, itemIndex);
				// A NodeOperationError from `accept` is final by design (e.g. a download over its cap).
				const transport =
					error instanceof NodeOperationError ? undefined : transportFailure(error, timeoutMs);
				if (!transport) throw asNodeError(ctx, error, itemIndex);
				failure = transport;
			}

			failure.attempts = attempts;
			const decision = decideRetry(source, retry, failure, headers, attempts - 1, kind);
			if (!decision.retry) {
				if (decision.reason === 'paid-outcome-unknown')
					throw paidOutcomeUnknownError(ctx, source, failure, itemIndex);
				if (decision.reason === 'retry-after-too-long') {
					failure.details = [
						...(failure.details ?? []),
						`the server asked to wait ${Math.ceil((decision.requestedMs ?? 0) / 1000)} s before retrying, longer than the Max Retry-After Wait option (${Math.ceil(retry.maxRetryAfterMs / 1000)} s)`,
					];
				}
				throw vendorApiError(ctx, source, failure, itemIndex);
			}
			ctx.logger.debug(
				`${source.name}: attempt ${attempts} failed, retrying in ${decision.delayMs} ms`,
				{ status: failure.status, code: failure.code ?? failure.networkCode, itemIndex },
			);
			await sleepUnlessCancelled(ctx, decision.delayMs, itemIndex);
		}
	}

	/** One API call: the credential through n8n's authenticated helper, every attempt through the gate. */
	async function call(
		method: IHttpRequestMethods,
		path: string,
		itemIndex: number,
		kind: RequestKind,
		body?: ApiBody,
	): Promise<ApiResponse> {
		const url = `${config.baseUrl}${path}`;
		let answer: RawResponse | undefined;
		const { attempts } = await attempt(
			{ vendor, kind, itemIndex },
			async () => {
				const ticket = await gate.acquire();
				let status: number | undefined;
				try {
					const full = (await ctx.helpers.httpRequestWithAuthentication.call(
						ctx,
						config.credentialType,
						{
							method,
							url,
							body: body as IHttpRequestOptions['body'],
							// Sets Accept: application/json; bodies that are not plain objects go as they are.
							json: !(body instanceof FormData),
							timeout: timeoutMs,
							returnFullResponse: true,
							ignoreHttpStatusErrors: true,
							// Following redirects makes the client keep every byte of the upload in memory
							// for a possible replay, and a redirected POST would lose its body anyway: a
							// redirect is reported instead, naming the address to use.
							disableFollowRedirect: true,
						},
					)) as IN8nHttpFullResponse;
					status = full.statusCode;
					return { statusCode: full.statusCode, headers: full.headers as Headers, body: full.body };
				} finally {
					gate.release(ticket, status);
				}
			},
			async (response) => {
				if (response.statusCode >= 300) throw redirectError(ctx, vendor, url, response, itemIndex);
				answer = response;
			},
			async (response) => response.body,
		);
		return { ...answer!, attempts };
	}

	/** One attempt at a public or pre-signed URL: n8n's helper without the credential, any status answered. */
	async function withoutCredential(request: IHttpRequestOptions): Promise<RawResponse> {
		const response = (await ctx.helpers.httpRequest({
			...request,
			timeout: timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			abortSignal: ctx.getExecutionCancelSignal(),
		})) as IN8nHttpFullResponse;
		return {
			statusCode: response.statusCode,
			headers: response.headers as Headers,
			body: response.body,
		};
	}

	async function download(
		rawUrl: string,
		itemIndex: number,
		{ label, source }: { label: string; source: string },
	): Promise<DownloadedFile> {
		const url = parseHttpUrl(ctx, rawUrl, itemIndex, label).toString();
		const { result, attempts } = await attempt(
			{ vendor: downloadAdapter(source), kind: 'free', itemIndex },
			// No credential: these are public or pre-signed URLs.
			async () => await withoutCredential({ method: 'GET', url, encoding: 'stream' }),
			async (response) => {
				const buffer = await readCapped(ctx, response, config.maxDownloadBytes, itemIndex, label);
				const contentType = headerValue(response.headers, 'content-type')
					?.split(';')[0]
					.trim()
					.toLowerCase();
				return { buffer, contentType };
			},
			async (response) => await readErrorPage(ctx, response.body as ByteStream, itemIndex),
		);
		return { ...result, url, attempts };
	}

	async function put(
		rawUrl: string,
		body: StreamedBody,
		headers: Record<string, string>,
		itemIndex: number,
		storage: VendorAdapter,
	): Promise<void> {
		const url = parseHttpUrl(ctx, rawUrl, itemIndex, `${storage.name} URL`).toString();
		await attempt(
			{ vendor: storage, kind: 'free', itemIndex },
			// No credential: the signed URL is the authorisation, and the key must not leave for
			// another host. Not redirected: a redirected upload would lose its body.
			async () =>
				await withoutCredential({
					method: 'PUT',
					url,
					body: body as unknown as IHttpRequestOptions['body'],
					headers,
					disableFollowRedirect: true,
				}),
			async (response) => {
				if (response.statusCode >= 300)
					throw redirectError(ctx, storage, url.split('?')[0], response, itemIndex);
			},
			async (response) => response.body,
		);
	}

	return {
		baseUrl: config.baseUrl,
		put,
		post: async (path, body, itemIndex, kind) => await call('POST', path, itemIndex, kind, body),
		get: async (path, itemIndex) => await call('GET', path, itemIndex, 'free'),
		download,

		async downloadResults(urls, itemIndex, vendorName) {
			const label = `${vendorName} generated image`;
			return await Promise.allSettled(
				urls.map(
					async (url) => await download(url, itemIndex, { label, source: `${label} download` }),
				),
			);
		},

		async poll(task, itemIndex, polling) {
			const started = Date.now();
			let current = task;
			for (let n = 0; polling.isPending(current); n++) {
				const elapsed = Date.now() - started;
				if (elapsed >= polling.maxWaitMs) {
					throw new NodeOperationError(
						ctx.getNode(),
						taskTimeoutMessage(polling.vendorName, task.id, polling.maxWaitMs, current.status),
						{
							itemIndex,
							description: `The task may still finish: ${polling.timeoutAdvice(current)}`,
						},
					);
				}
				await sleepUnlessCancelled(
					ctx,
					Math.min(nextPollDelayMs(polling.intervalMs, n), polling.maxWaitMs - elapsed),
					itemIndex,
				);
				let response: ApiResponse;
				try {
					response = await call('GET', polling.path(current), itemIndex, 'free');
				} catch (error) {
					throw polling.explainFailure?.(error, current) ?? error;
				}
				current = polling.read(response.body, response.statusCode);
			}
			return current;
		},
	};
}
