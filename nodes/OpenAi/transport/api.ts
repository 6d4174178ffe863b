import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { OpenAiImagesApi } from '../../../credentials/OpenAiImagesApi.credentials';
import { checkedBaseUrl } from '../../shared/http/baseUrl';
import type { VendorAdapter, VendorFailure } from '../../shared/http/vendorError';
import { asObject, asString, plainText } from '../../shared/text';

// The OpenAI-compatible API as the node reaches it: the credential, where the API is and how long
// one of its answers may take, and how its errors read.

/**
 * The credential the OpenAI node uses: n8n injects it by its name, and every run redacts the
 * values of the password fields it declares from all the node emits.
 */
export const OPENAI_CREDENTIAL = new OpenAiImagesApi();

// Where the OpenAI-compatible API is, and how long one of its answers may take.

/**
 * GPT Image edits at high quality take up to about two minutes; a timeout below that would retry,
 * and pay for, an image still being made.
 */
export const OPENAI_TIMEOUT_MS = 300_000;

export function openAiBaseUrl(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
): string {
	return checkedBaseUrl(ctx, credentials.baseUrl, 'OpenAI-Compatible Images');
}

/** Codes that cannot succeed on retry, even when they arrive as 429 (quota) or 5xx. */
const NON_RETRYABLE_CODES = new Set([
	'insufficient_quota',
	'billing_hard_limit_reached',
	'invalid_api_key',
	'model_not_found',
	'account_deactivated',
	'moderation_blocked',
]);

function isModelGone(failure: VendorFailure): boolean {
	return (
		failure.code === 'model_not_found' ||
		/deprecated|does not exist|has been removed|no longer (available|supported)/i.test(
			failure.message,
		)
	);
}

/** The 403 OpenAI answers until an organisation is verified for GPT Image models. */
function needsVerification(failure: VendorFailure): boolean {
	return failure.status === 403 && /verif/i.test(failure.message);
}

/** OpenAI errors: `{error: {message, type, param, code}}`, request id in x-request-id. */
function parseError(
	status: number,
	body: unknown,
): Pick<VendorFailure, 'message' | 'code' | 'details'> {
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
}

const HINTS = {
	quota:
		'The account has no quota left; retrying will not help. Add credit or raise the limit in the provider’s billing settings.',
	key: 'The API key was rejected. Check the API key (and Organization ID, if set) in the OpenAI-Compatible Images credential.',
	variationsModelGone:
		'This host no longer serves that model for image variations: OpenAI removed dall-e-2, the only model /images/variations ever supported, on 2026-05-12. Set the Base URL of the OpenAI-Compatible Images credential to a gateway that still serves the endpoint (e.g. LiteLLM), and the Model parameter to the name that gateway uses.',
	variationsNotServed:
		'This host does not serve /images/variations. Check the Base URL of the OpenAI-Compatible Images credential (it must end in /v1 for OpenAI-style gateways).',
	editsModelUnknown:
		'This host does not know the model set in Model, or the API key may not use it. Check the name (e.g. gpt-image-1.5, gpt-image-2, gpt-image-1 or gpt-image-1-mini) and the models the account may use.',
	editsModelCannotEdit:
		'The model set in Model cannot edit images. Use a GPT Image model such as gpt-image-1.5, gpt-image-2, gpt-image-1 or gpt-image-1-mini; for dall-e-2 on a gateway, set API to Variations.',
	editsNotServed:
		'This host does not serve /images/edits. If it is a gateway that only offers /images/variations, set API to Variations (DALL·E 2, for gateways); otherwise check the Base URL of the OpenAI-Compatible Images credential (it must end in /v1).',
	moderation:
		'OpenAI’s moderation refused this request under its content policy; retrying will not help. Change the prompt or the input image. Setting Moderation to Low (Image Options) makes the filter less strict, within the policy.',
	background:
		'The model refused this Background (OpenAI’s sources disagree on whether gpt-image-2 makes transparent backgrounds). Set Image Options › Background to Auto or Opaque, or use gpt-image-1.5, which makes transparent backgrounds.',
	verification:
		'OpenAI lets an organization use GPT Image models only after it has been verified. An owner of the organization verifies it at https://platform.openai.com/settings/organization/general (Verify Organization); access can take up to 15 minutes after verification. Until then, use another organization’s key (Organization ID in the credential).',
};

const commonAdapter = {
	requestIdHeader: 'x-request-id',
	parseError,
	isNonRetryable: (failure: VendorFailure) =>
		(failure.code !== undefined && NON_RETRYABLE_CODES.has(failure.code)) ||
		(failure.status === 404 && isModelGone(failure)),
	// OpenAI's docs name no 5xx as refused before processing (its SDK resends them anyway, which is
	// what a paid image must not do): only HTTP's own 408, 425 and 429 let a paid request be resent.
	paidCheck:
		'Check the usage page of the account on the provider’s dashboard (platform.openai.com/usage for OpenAI; a gateway’s own logs), quoting the Request ID where one is given,',
};

function commonHint(failure: VendorFailure): string | undefined {
	if (failure.code === 'insufficient_quota' || failure.code === 'billing_hard_limit_reached')
		return HINTS.quota;
	if (failure.code === 'invalid_api_key' || failure.status === 401) return HINTS.key;
	return undefined;
}

/** POST /images/variations (dall-e-2, on gateways that still serve it). */
export const openAiVendor: VendorAdapter = {
	name: 'OpenAI-compatible API',
	...commonAdapter,
	hint(failure) {
		if (isModelGone(failure)) return HINTS.variationsModelGone;
		return commonHint(failure) ?? (failure.status === 404 ? HINTS.variationsNotServed : undefined);
	},
};

/** POST /images/edits (GPT Image models): what OpenAI serves today. */
export const openAiEditsVendor: VendorAdapter = {
	name: 'OpenAI-compatible API',
	...commonAdapter,
	hint(failure) {
		if (failure.code === 'moderation_blocked') return HINTS.moderation;
		if (needsVerification(failure)) return HINTS.verification;
		if (failure.code === 'model_not_found') return HINTS.editsModelUnknown;
		if (failure.status === 400 && failure.details?.includes('model'))
			return HINTS.editsModelCannotEdit;
		if (failure.status === 400 && failure.details?.includes('background')) return HINTS.background;
		const common = commonHint(failure);
		if (common) return common;
		if (failure.status === 404 || failure.status === 405) return HINTS.editsNotServed;
		return undefined;
	},
};
