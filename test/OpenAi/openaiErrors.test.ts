import type { VendorAdapter, VendorFailure } from '../../nodes/shared/http/vendorError';
import { openAiEditsVendor, openAiVendor } from '../../nodes/OpenAi/transport/api';

// Which of two conditions picks a hint (a model gone by code or by message, a quota by either
// code, a key by code or by status), which failures are never retried, and the message of an
// error body that has none, one by one (the engine tests hold each hint for the answers the
// contract server sends). The adapters are plain data and functions, so each case is checked here directly.

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
	verification:
		'OpenAI lets an organization use GPT Image models only after it has been verified. An owner of the organization verifies it at https://platform.openai.com/settings/organization/general (Verify Organization); access can take up to 15 minutes after verification. Until then, use another organization’s key (Organization ID in the credential).',
};

const failure = (
	status: number | undefined,
	extra: Partial<VendorFailure> = {},
): VendorFailure => ({
	status,
	message: 'Something went wrong',
	...extra,
});

const hintOf = (vendor: VendorAdapter, f: VendorFailure) => vendor.hint?.(f);

describe('OpenAI errors: which failures are never retried', () => {
	const nonRetryable = (f: VendorFailure) => openAiVendor.isNonRetryable?.(f);

	it.each([
		'insufficient_quota',
		'billing_hard_limit_reached',
		'invalid_api_key',
		'model_not_found',
		'account_deactivated',
		'moderation_blocked',
	])('%s, even on a 429 or a 5xx', (code) => {
		expect(nonRetryable(failure(429, { code }))).toBe(true);
		expect(nonRetryable(failure(503, { code }))).toBe(true);
	});

	it('a 404 saying the model is gone, without a code; not a 404 that says nothing of it', () => {
		expect(nonRetryable(failure(404, { message: 'The model dall-e-2 does not exist' }))).toBe(true);
		expect(nonRetryable(failure(404))).toBe(false);
	});

	it('a model-gone message on another status than 404 is left to the retry policy', () => {
		expect(nonRetryable(failure(503, { message: 'The model has been deprecated' }))).toBe(false);
		expect(nonRetryable(failure(429, { code: 'rate_limit_exceeded' }))).toBe(false);
		expect(nonRetryable(failure(undefined, { networkCode: 'ECONNRESET' }))).toBe(false);
	});

	it('both adapters classify alike', () => {
		expect(openAiEditsVendor.isNonRetryable).toBe(openAiVendor.isNonRetryable);
	});
});

describe('OpenAI errors: the hint of the Variations API (version 1)', () => {
	it.each([
		['model_not_found, whatever the message', failure(404, { code: 'model_not_found' })],
		['model_not_found on a 400', failure(400, { code: 'model_not_found' })],
		['"deprecated"', failure(400, { message: 'The model dall-e-2 is Deprecated' })],
		['"does not exist"', failure(404, { message: 'The model foo does not exist' })],
		['"has been removed"', failure(404, { message: 'dall-e-2 has been removed' })],
		['"no longer available"', failure(400, { message: 'This model is no longer available' })],
		['"no longer supported"', failure(400, { message: 'Variations are no longer supported' })],
	])('a model gone: %s', (_name, f) => {
		expect(hintOf(openAiVendor, f)).toBe(HINTS.variationsModelGone);
	});

	it.each([
		['insufficient_quota', failure(429, { code: 'insufficient_quota' })],
		['billing_hard_limit_reached', failure(400, { code: 'billing_hard_limit_reached' })],
	])('no quota: %s', (_name, f) => {
		expect(hintOf(openAiVendor, f)).toBe(HINTS.quota);
	});

	it('a rejected key, by its code on any status or by a 401 without one', () => {
		expect(hintOf(openAiVendor, failure(400, { code: 'invalid_api_key' }))).toBe(HINTS.key);
		expect(hintOf(openAiVendor, failure(401))).toBe(HINTS.key);
	});

	it('a plain 404: the endpoint is not served; other failures get no hint of this vendor', () => {
		expect(hintOf(openAiVendor, failure(404))).toBe(HINTS.variationsNotServed);
		expect(hintOf(openAiVendor, failure(405))).toBeUndefined();
		expect(hintOf(openAiVendor, failure(500))).toBeUndefined();
		expect(hintOf(openAiVendor, failure(400, { code: 'invalid_value' }))).toBeUndefined();
	});
});

describe('OpenAI errors: the hint of the Edits API (version 2)', () => {
	it('moderation_blocked, on any status', () => {
		expect(hintOf(openAiEditsVendor, failure(400, { code: 'moderation_blocked' }))).toBe(
			HINTS.moderation,
		);
	});

	it('a 403 about verification, however it is written; not a 403 about something else, nor another status', () => {
		const verify = 'Your organization must be Verified to use the model gpt-image-1.5';
		expect(hintOf(openAiEditsVendor, failure(403, { message: verify }))).toBe(HINTS.verification);
		expect(hintOf(openAiEditsVendor, failure(403, { message: 'please VERIFY first' }))).toBe(
			HINTS.verification,
		);
		expect(hintOf(openAiEditsVendor, failure(403))).toBeUndefined();
		expect(hintOf(openAiEditsVendor, failure(400, { message: verify }))).toBeUndefined();
	});

	it('model_not_found: the model is unknown to the host', () => {
		expect(hintOf(openAiEditsVendor, failure(404, { code: 'model_not_found' }))).toBe(
			HINTS.editsModelUnknown,
		);
	});

	it('a 400 about the model parameter: the model cannot edit; not a 400 about another one, nor without any', () => {
		expect(hintOf(openAiEditsVendor, failure(400, { details: ['model'] }))).toBe(
			HINTS.editsModelCannotEdit,
		);
		expect(hintOf(openAiEditsVendor, failure(400, { details: ['size'] }))).toBeUndefined();
		expect(hintOf(openAiEditsVendor, failure(400))).toBeUndefined();
		expect(hintOf(openAiEditsVendor, failure(422, { details: ['model'] }))).toBeUndefined();
	});

	it('a model-gone message alone is not the Variations hint here', () => {
		expect(hintOf(openAiEditsVendor, failure(400, { message: 'dall-e-2 has been removed' }))).toBe(
			undefined,
		);
	});

	it('no quota and a rejected key, as for Variations', () => {
		expect(hintOf(openAiEditsVendor, failure(429, { code: 'insufficient_quota' }))).toBe(
			HINTS.quota,
		);
		expect(hintOf(openAiEditsVendor, failure(400, { code: 'billing_hard_limit_reached' }))).toBe(
			HINTS.quota,
		);
		expect(hintOf(openAiEditsVendor, failure(400, { code: 'invalid_api_key' }))).toBe(HINTS.key);
		expect(hintOf(openAiEditsVendor, failure(401))).toBe(HINTS.key);
	});

	it('a 404 or a 405: the endpoint is not served; a 500 gets no hint of this vendor', () => {
		expect(hintOf(openAiEditsVendor, failure(404))).toBe(HINTS.editsNotServed);
		expect(hintOf(openAiEditsVendor, failure(405))).toBe(HINTS.editsNotServed);
		expect(hintOf(openAiEditsVendor, failure(500))).toBeUndefined();
	});
});

describe('OpenAI errors: what an error body says', () => {
	const parse = (status: number, body: unknown) => openAiVendor.parseError(status, body);

	it('OpenAI’s own shape: message, code (else type) and the parameter it names', () => {
		expect(
			parse(400, {
				error: {
					message: 'Invalid size',
					type: 'invalid_request_error',
					param: 'size',
					code: null,
				},
			}),
		).toEqual({ message: 'Invalid size', code: 'invalid_request_error', details: ['size'] });
		expect(
			parse(429, { error: { message: 'Quota', type: 'requests', code: 'insufficient_quota' } }),
		).toEqual({ message: 'Quota', code: 'insufficient_quota', details: undefined });
	});

	it('a gateway’s shapes: a top-level message, plain text, or nothing at all', () => {
		expect(parse(502, { message: 'upstream failed' }).message).toBe('upstream failed');
		expect(parse(502, '<html><body><h1>Bad gateway</h1></body></html>').message).toBe(
			'Bad gateway',
		);
		expect(parse(502, '')).toEqual({
			message: 'HTTP 502 without an error message',
			code: undefined,
			details: undefined,
		});
	});
});
