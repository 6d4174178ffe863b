import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What went wrong with one vendor call, in the vendor's own words where it gave any. */
export interface VendorFailure {
	/** HTTP status; undefined when no response arrived (connection error, timeout). */
	status?: number;
	/** The vendor's message, or a plain description of the network failure. */
	message: string;
	/** The vendor's reason or error code (e.g. `INVALID_API_KEY`, `insufficient_quota`). */
	code?: string;
	/** Per-parameter problems the vendor listed (e.g. problem+json `invalid_params`). */
	details?: string[];
	/** The vendor's request id header, for support tickets. */
	requestId?: string;
	/** How many attempts were made before giving up. */
	attempts?: number;
	/** Network error code such as ECONNRESET or ECONNABORTED. */
	networkCode?: string;
}

/** The vendor-specific knowledge the shared transport needs. */
export interface VendorAdapter {
	/** Display name used in messages, e.g. "Novita AI". */
	name: string;
	/** Extracts message, code and details from an error response body. */
	parseError(status: number, body: unknown): Pick<VendorFailure, 'message' | 'code' | 'details'>;
	/** Header carrying the vendor's request id, if any. */
	requestIdHeader?: string;
	/** Vendor codes that must never be retried even on a retryable status (e.g. 429 insufficient_quota). */
	isNonRetryable?(failure: VendorFailure): boolean;
	/** What the user can do about this failure, when the vendor knows better than the generic advice. */
	hint?(failure: VendorFailure): string | undefined;
	/**
	 * Failures the vendor's docs say come before any work on the request (so before any charge),
	 * beyond the statuses HTTP itself defines so (408, 425, 429): a paid request is resent after these.
	 */
	refusedBeforeProcessing?(failure: VendorFailure): boolean;
	/** Where the user sees whether a request was taken and charged (a dashboard, a task list). */
	paidCheck?: string;
}

const GENERIC_HINTS: Record<number, string> = {
	400: 'The API rejected the request. Check the node parameters against the message above.',
	401: 'The API key was rejected. Check the API key in the credential used by this node.',
	403: 'The API key is not allowed to do this. Check the API key and the plan of the account it belongs to.',
	404: 'The host does not serve this endpoint. Check the Base URL in the credential; the vendor may have moved or retired it.',
	408: 'The API timed out. Try again later or raise the Timeout option.',
	413: 'The upload is too large for the API. Use a smaller image.',
	429: 'The API is rate limiting this account. Lower the Concurrency option, raise Max Retries, or spread the workflow over time.',
};

export function defaultHint(failure: VendorFailure): string {
	if (failure.status === undefined) {
		if (failure.networkCode === 'ECONNABORTED' || failure.networkCode === 'ETIMEDOUT') {
			return 'The API did not answer in time. Raise the Timeout option, or try again later.';
		}
		if (failure.networkCode === 'ENOTFOUND' || failure.networkCode === 'ECONNREFUSED') {
			return 'The host could not be reached. Check the Base URL in the credential and the network of this n8n instance.';
		}
		return 'The connection to the API failed. Try again later; if it keeps happening, check the Base URL in the credential.';
	}
	if (GENERIC_HINTS[failure.status]) return GENERIC_HINTS[failure.status];
	if (failure.status >= 500) {
		return 'The API failed on its side. Try again later, or raise Max Retries so temporary failures are retried.';
	}
	return 'Check the node parameters and the credential.';
}

/** One-line message: vendor, what failed, the vendor's own words and code. */
export function failureMessage(vendor: VendorAdapter, failure: VendorFailure): string {
	const where = failure.status === undefined ? 'request failed' : `returned HTTP ${failure.status}`;
	const code = failure.code ? ` [${failure.code}]` : '';
	return `${vendor.name} ${where}: ${failure.message}${code}`;
}

/**
 * Builds the NodeApiError a node throws for a vendor failure. It is created from a plain object
 * holding only what the user needs, never from the HTTP client's error, whose request config
 * carries the Authorization header.
 */
export function vendorApiError(
	ctx: IExecuteFunctions,
	vendor: VendorAdapter,
	failure: VendorFailure,
	itemIndex: number,
	hintOverride?: string,
): NodeApiError {
	const hint = hintOverride ?? vendor.hint?.(failure) ?? defaultHint(failure);
	const extras: string[] = [];
	if (failure.details?.length) extras.push(`Invalid parameters: ${failure.details.join('; ')}.`);
	if (failure.attempts && failure.attempts > 1)
		extras.push(`Gave up after ${failure.attempts} attempts.`);
	if (failure.requestId) extras.push(`Request ID: ${failure.requestId}.`);
	const description = [hint, ...extras].join(' ');
	const errorResponse: IDataObject = {
		vendor: vendor.name,
		message: failure.message,
		...(failure.code ? { vendorCode: failure.code } : {}),
		...(failure.status !== undefined ? { httpCode: String(failure.status) } : {}),
		...(failure.details?.length ? { details: failure.details } : {}),
		...(failure.requestId ? { requestId: failure.requestId } : {}),
		...(failure.attempts ? { attempts: failure.attempts } : {}),
	};
	const error = new NodeApiError(ctx.getNode(), errorResponse as JsonObject, {
		message: failureMessage(vendor, failure),
		description,
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
		itemIndex,
	});
	error.context.vendorCode = failure.code;
	error.context.requestId = failure.requestId;
	error.context.attempts = failure.attempts;
	return error;
}

/** The name of the option that lets paid requests be resent after an unknown outcome. */
export const RESEND_PAID_OPTION = 'Resend Paid Requests';

/**
 * A paid request whose outcome is unknown: it failed after it may have reached the vendor (no
 * answer in time, a dropped connection, a 5xx or a gateway's error page), so it was not sent again.
 * The message says so, where to check, and the option that allows resending.
 */
export function paidOutcomeUnknownError(
	ctx: IExecuteFunctions,
	vendor: VendorAdapter,
	failure: VendorFailure,
	itemIndex: number,
): NodeApiError {
	const error = vendorApiError(
		ctx,
		vendor,
		failure,
		itemIndex,
		`${vendor.name} may have taken this request and charged for it, so the node did not send it again (nothing is paid twice). ${vendor.paidCheck ?? 'Check the vendor’s dashboard for the request'} before running the item again. To resend paid requests after such failures instead (each resend may be charged), turn on the option "${RESEND_PAID_OPTION}".`,
	);
	error.message = `${error.message} (the request may have been taken and charged)`;
	error.context.paidOutcome = 'unknown';
	return error;
}

/** A 2xx answer whose content cannot be used (not JSON, no image, invalid base64...). */
export function invalidResponseError(
	ctx: IExecuteFunctions,
	vendor: VendorAdapter,
	problem: string,
	itemIndex: number,
	status = 200,
): NodeApiError {
	return vendorApiError(
		ctx,
		vendor,
		{ status, message: `the response could not be used: ${problem}` },
		itemIndex,
		'The API answered but its response was not what its documentation promises. Try again; if it persists, the host behind the Base URL may not implement this API faithfully.',
	);
}
