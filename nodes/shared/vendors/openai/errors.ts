import type { VendorAdapter, VendorFailure } from '../../http/vendorError';
import { asObject, asString, plainText } from '../../text';

export const OPENAI_CREDENTIAL = 'openAiImagesApi';

/** Codes that cannot succeed on retry, even when they arrive as 429 (quota) or 5xx. */
const NON_RETRYABLE_CODES = new Set([
	'insufficient_quota',
	'billing_hard_limit_reached',
	'invalid_api_key',
	'model_not_found',
	'account_deactivated',
]);

function isModelGone(failure: VendorFailure): boolean {
	return (
		failure.code === 'model_not_found' ||
		/deprecated|does not exist|has been removed|no longer (available|supported)/i.test(
			failure.message,
		)
	);
}

/** OpenAI errors: `{error: {message, type, param, code}}`, request id in x-request-id. */
export const openAiVendor: VendorAdapter = {
	name: 'OpenAI-compatible API',
	requestIdHeader: 'x-request-id',
	parseError(status, body) {
		const error = asObject(asObject(body).error);
		const param = asString(error.param);
		return {
			message:
				asString(error.message) ??
				asString(asObject(body).message) ??
				plainText(body) ??
				`HTTP ${status} without an error message`,
			code: asString(error.code) ?? asString(error.type),
			details: param ? [param] : undefined,
		};
	},
	isNonRetryable: (failure) =>
		(failure.code !== undefined && NON_RETRYABLE_CODES.has(failure.code)) ||
		(failure.status === 404 && isModelGone(failure)),
	hint(failure) {
		if (isModelGone(failure)) {
			return 'This host no longer serves that model for image variations: OpenAI removed dall-e-2, the only model /images/variations ever supported, on 2026-05-12. Set the Base URL of the OpenAI-Compatible Images credential to a gateway that still serves the endpoint (e.g. LiteLLM), and the Model parameter to the name that gateway uses.';
		}
		if (failure.code === 'insufficient_quota' || failure.code === 'billing_hard_limit_reached') {
			return 'The account has no quota left; retrying will not help. Add credit or raise the limit in the provider’s billing settings.';
		}
		if (failure.code === 'invalid_api_key' || failure.status === 401) {
			return 'The API key was rejected. Check the API key (and Organization ID, if set) in the OpenAI-Compatible Images credential.';
		}
		if (failure.status === 404) {
			return 'This host does not serve /images/variations. Check the Base URL of the OpenAI-Compatible Images credential (it must end in /v1 for OpenAI-style gateways).';
		}
		return undefined;
	},
};
