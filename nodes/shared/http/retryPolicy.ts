import type { VendorAdapter, VendorFailure } from './vendorError';

export interface RetrySettings {
	/** Retries after the first attempt; 0 disables retrying. */
	maxRetries: number;
	/** First backoff delay; doubles each retry. */
	initialDelayMs: number;
	/** Upper bound of one backoff delay. */
	maxDelayMs: number;
	/** Longest server-requested wait (Retry-After) that is honoured; longer ones end the retries. */
	maxRetryAfterMs: number;
	/**
	 * Whether a paid request is resent after a failure that leaves open whether the vendor took it
	 * (the user's choice: each resend may be charged). Off, only a refusal before processing is.
	 */
	resendPaid: boolean;
}

/**
 * What sending a request again can cost: a paid one is a generation or a task submit the vendor
 * charges for; a free one is a status check, a download, an upload URL or a storage upload.
 */
export type RequestKind = 'paid' | 'free';

export const DEFAULT_RETRY: RetrySettings = {
	maxRetries: 2,
	initialDelayMs: 500,
	maxDelayMs: 8000,
	maxRetryAfterMs: 60_000,
	resendPaid: false,
};

/**
 * Network failures before the request reached the vendor: the connection never opened (refused),
 * or the host's name never resolved. Everything else (a timeout, a reset, a dropped body) may have
 * come after the vendor took the request.
 */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Statuses that say the request was refused before any work was done on it (RFC 9110 §15.5.9:
 * 408, the server did not receive the whole request; RFC 8470: 425, not processed; RFC 6585: 429,
 * refused for the rate). A vendor declares its own further ones (refusedBeforeProcessing).
 */
const REFUSED_BEFORE_PROCESSING = new Set([408, 425, 429]);

/** Whether a failed attempt shows the vendor did not take the request, so resending it costs nothing. */
export function notTaken(vendor: VendorAdapter, failure: VendorFailure): boolean {
	if (failure.status === undefined)
		return failure.networkCode !== undefined && NEVER_SENT_CODES.has(failure.networkCode);
	return (
		REFUSED_BEFORE_PROCESSING.has(failure.status) ||
		vendor.refusedBeforeProcessing?.(failure) === true
	);
}

const RETRYABLE_STATUSES = new Set([408, 409, 425, 429]);
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ECONNREFUSED',
	'ERR_BAD_RESPONSE',
	'UND_ERR_SOCKET',
]);

export type Headers = Record<string, string | string[] | undefined>;

export function headerValue(headers: Headers | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
	const value = key === undefined ? undefined : headers[key];
	return Array.isArray(value) ? value[0] : value;
}

/** Whether a failed attempt may be tried again: connection errors, timeouts, 408/409/429 and 5xx. */
export function isRetryable(
	vendor: VendorAdapter,
	failure: VendorFailure,
	headers: Headers | undefined,
): boolean {
	if (vendor.isNonRetryable?.(failure)) return false;
	const shouldRetry = headerValue(headers, 'x-should-retry');
	if (shouldRetry === 'true') return true;
	if (shouldRetry === 'false') return false;
	if (failure.status === undefined) {
		return failure.networkCode === undefined || RETRYABLE_NETWORK_CODES.has(failure.networkCode);
	}
	return RETRYABLE_STATUSES.has(failure.status) || failure.status >= 500;
}

/** The wait the server asked for (retry-after-ms, or Retry-After in seconds or as an HTTP date). */
export function serverRequestedDelayMs(
	headers: Headers | undefined,
	now = Date.now(),
): number | undefined {
	const ms = Number(headerValue(headers, 'retry-after-ms'));
	if (headerValue(headers, 'retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0)
		return ms;
	const retryAfter = headerValue(headers, 'retry-after')?.trim();
	if (!retryAfter) return undefined;
	if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
	const date = Date.parse(retryAfter);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Exponential backoff with up to 25 % jitter below the nominal delay: min(initial × 2^retry, max). */
export function backoffDelayMs(
	settings: RetrySettings,
	retry: number,
	random = Math.random,
): number {
	const nominal = Math.min(settings.initialDelayMs * 2 ** retry, settings.maxDelayMs);
	return Math.round(nominal * (1 - 0.25 * random()));
}

export type RetryDecision =
	| { retry: true; delayMs: number; source: 'server' | 'backoff' }
	| {
			retry: false;
			reason: 'not-retryable' | 'exhausted' | 'retry-after-too-long' | 'paid-outcome-unknown';
			requestedMs?: number;
	  };

/**
 * Decides whether and when to retry after `retry` retries (0 for the first failure) have been made.
 * A paid request (a generation, a task submit) is resent only when the failure shows the vendor did
 * not take it, unless the user allows resending (settings.resendPaid): otherwise the outcome is
 * unknown and the item fails saying so, rather than risk paying twice.
 */
export function decideRetry(
	vendor: VendorAdapter,
	settings: RetrySettings,
	failure: VendorFailure,
	headers: Headers | undefined,
	retry: number,
	kind: RequestKind = 'free',
): RetryDecision {
	if (!isRetryable(vendor, failure, headers)) return { retry: false, reason: 'not-retryable' };
	if (kind === 'paid' && !settings.resendPaid && !notTaken(vendor, failure))
		return { retry: false, reason: 'paid-outcome-unknown' };
	if (retry >= settings.maxRetries) return { retry: false, reason: 'exhausted' };
	const requested = serverRequestedDelayMs(headers);
	if (requested !== undefined) {
		if (requested > settings.maxRetryAfterMs) {
			return { retry: false, reason: 'retry-after-too-long', requestedMs: requested };
		}
		return { retry: true, delayMs: requested, source: 'server' };
	}
	return { retry: true, delayMs: backoffDelayMs(settings, retry), source: 'backoff' };
}
