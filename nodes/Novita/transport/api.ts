import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { NovitaApi } from '../../../credentials/NovitaApi.credentials';
import { checkedBaseUrl } from '../../shared/http/baseUrl';
import type { VendorAdapter } from '../../shared/http/vendorError';
import { asObject, asString, plainText } from '../../shared/text';

// Novita's API as the nodes reach it: the credential, where the API is and how long one of its
// answers may take, and how its errors read.

/**
 * The credential the Novita nodes use: n8n injects it by its name, and every run redacts the
 * values of the password fields it declares from all the node emits.
 */
export const NOVITA_CREDENTIAL = new NovitaApi();

// Where the Novita API is, and how long one of its answers may take.

/** Novita advises a client timeout above 60 s. */
export const NOVITA_TIMEOUT_MS = 120_000;

export function novitaBaseUrl(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
): string {
	return checkedBaseUrl(ctx, credentials.baseUrl, 'Novita AI');
}

/**
 * Reasons that cannot succeed on a retry, whatever their HTTP status (Novita's error-code page,
 * basic-error-code). Its 500s stay retried as every 5xx is: BILLING_FAILED ("Billing service
 * error"), CREATE_TASK_FAILED ("Failed to create task"), GET_RESULT_FAILED ("Failed to get task
 * result") and TASK_FAILED name a failure of Novita's service, not of the request.
 */
const NON_RETRYABLE_REASONS = new Set([
	'INVALID_API_KEY',
	'MISSING_API_KEY',
	'API_NOT_ALLOWED',
	'FEATURE_NOT_ALLOWED',
	'API_NOT_FOUND',
	'BILLING_AUTH_FAILED',
	'BILLING_BALANCE_NOT_ENOUGH',
	'NEED_REAL_NAME_VERIFY',
	'IMAGE_NO_FACE_DETECTED',
	'ILLEGAL_PROMPT',
	'ILLEGAL_IMAGE_CONTENT',
	'INVALID_REQUEST_BODY',
	'IMAGE_FILE_EXCEEDS_MAX_SIZE',
	'INVALID_IMAGE_FORMAT',
	'IMAGE_EXCEEDS_MAX_RESOLUTION',
	'INVALID_IMAGE_SIZE',
]);

const HINTS: Record<string, string> = {
	INVALID_API_KEY: 'Novita rejected the API key. Check the API key in the Novita AI credential.',
	MISSING_API_KEY: 'No API key reached Novita. Check the API key in the Novita AI credential.',
	API_NOT_ALLOWED:
		'This API key may not use this endpoint. Check the key’s permissions in the Novita dashboard.',
	FEATURE_NOT_ALLOWED:
		'This Novita account may not use this feature. Check the account’s permissions in the Novita dashboard.',
	API_NOT_FOUND:
		'This host no longer serves this endpoint (Novita retired Reimagine and Replace Background in 2026). Set the Base URL in the Novita AI credential to a dedicated endpoint or proxy that still serves it.',
	BILLING_AUTH_FAILED:
		'Novita could not authorise billing for this account. Check the account’s billing settings.',
	BILLING_BALANCE_NOT_ENOUGH:
		'The Novita account balance is too low. Top up the account, then run the workflow again.',
	BILLING_FAILED:
		'Novita’s billing service failed on this request, an error on Novita’s side, retried up to Max Retries. If it persists, check Novita’s status and the account’s billing, then run the workflow again.',
	CREATE_TASK_FAILED:
		'Novita could not create the task, an error on Novita’s side, retried up to Max Retries. If it persists, run the workflow again later.',
	GET_RESULT_FAILED:
		'Novita could not read the task’s result, an error on Novita’s side, retried up to Max Retries. If it persists, run the workflow again later.',
	NEED_REAL_NAME_VERIFY:
		'Novita requires identity verification for this account. Complete it in the Novita dashboard.',
	ILLEGAL_PROMPT: 'Novita refused the prompt under its content policy. Change the prompt.',
	ILLEGAL_IMAGE_CONTENT: 'Novita refused the image under its content policy. Use another image.',
	INVALID_REQUEST_BODY: 'Novita rejected the request body. Check the node parameters.',
	IMAGE_FILE_EXCEEDS_MAX_SIZE: 'The image is larger than Novita accepts. Use a smaller file.',
	INVALID_IMAGE_FORMAT: 'Novita accepts PNG, JPEG and WEBP images. Convert the image first.',
	IMAGE_EXCEEDS_MAX_RESOLUTION:
		'The image has more pixels than Novita accepts. Resize it first, e.g. with the Edit Image node.',
	INVALID_IMAGE_SIZE:
		'Novita rejected the image dimensions. Resize it first, e.g. with the Edit Image node.',
	IMAGE_NO_FACE_DETECTED:
		'Novita found no face in the image, and this endpoint needs one. Use an image with a clearly visible face.',
	RATE_LIMIT_EXCEEDED:
		'Novita is rate limiting this account (Replace Background allows 10 images a minute by default). Lower the Concurrency option or raise Max Retries.',
	TASK_FAILED: 'Novita failed to process the image. Try again; if it persists, try another image.',
};

/** Novita error bodies: `{code, reason, message, metadata}`. */
export const novitaVendor: VendorAdapter = {
	name: 'Novita AI',
	parseError(status, body) {
		const obj = asObject(body);
		return {
			message:
				asString(obj.message) ?? plainText(body) ?? `HTTP ${status} without an error message`,
			code: asString(obj.reason),
		};
	},
	isNonRetryable: (failure) =>
		failure.code !== undefined && NON_RETRYABLE_REASONS.has(failure.code),
	hint: (failure) => (failure.code ? HINTS[failure.code] : undefined),
	// Novita's error-code page names no 5xx as refused before processing: only HTTP's own (408,
	// 425, 429 RATE_LIMIT_EXCEEDED) and a connection never made let a paid request be resent.
	paidCheck:
		'Check the usage and task history of the account in Novita’s console (novita.ai), or an async task with GET /v3/async/task-result',
};

/** Advice that differs on the model engines, which poll tasks on Novita's own API. */
const MODEL_HINTS: Record<string, string> = {
	TASK_NOT_FOUND:
		'Novita no longer knows this task (task results are kept for a limited time). Run the node again.',
	// Novita's reference gives a rate limit only for the retired Replace Background (10 images a minute).
	RATE_LIMIT_EXCEEDED:
		'Novita is rate limiting this account; its reference gives no figure for this endpoint, and limits are per account. Lower the Concurrency option, or raise Max Retries to wait longer.',
};

/**
 * A model engine (Qwen Image Edit, FLUX.1 Kontext, Seedream): the same errors, other advice where
 * the endpoint matters; a 404 API_NOT_FOUND names the model's own endpoint.
 */
export function novitaModelVendor(model: { name: string; path: string }): VendorAdapter {
	const notServed = `This host does not serve ${model.name} (POST ${model.path}). Check the Base URL in the Novita AI credential (Novita’s own is https://api.novita.ai); for a dedicated endpoint or proxy that serves only the classic API, set Engine to Classic Endpoint.`;
	return {
		...novitaVendor,
		isNonRetryable: (failure) =>
			failure.code === 'TASK_NOT_FOUND' || novitaVendor.isNonRetryable!(failure),
		hint: (failure) =>
			failure.code === 'API_NOT_FOUND'
				? notServed
				: ((failure.code ? MODEL_HINTS[failure.code] : undefined) ?? novitaVendor.hint!(failure)),
	};
}
