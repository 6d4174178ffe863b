import {
	backoffDelayMs,
	decideRetry,
	DEFAULT_RETRY,
	serverRequestedDelayMs,
} from '../../../nodes/shared/http/retryPolicy';
import { freepikVendor } from '../../../nodes/Freepik/transport/api';
import { novitaVendor } from '../../../nodes/Novita/transport/api';
import { openAiVendor } from '../../../nodes/OpenAi/transport/api';

describe('retry policy', () => {
	it('reads retry-after-ms, Retry-After seconds and HTTP dates', () => {
		expect(serverRequestedDelayMs({ 'retry-after-ms': '250' })).toBe(250);
		expect(serverRequestedDelayMs({ 'Retry-After': '3' })).toBe(3000);
		const now = Date.parse('2026-11-21T10:00:00Z');
		expect(serverRequestedDelayMs({ 'retry-after': 'Sat, 21 Nov 2026 10:00:05 GMT' }, now)).toBe(
			5000,
		);
		expect(serverRequestedDelayMs({ 'retry-after': 'soon' })).toBeUndefined();
		expect(serverRequestedDelayMs({})).toBeUndefined();
	});

	it('backs off exponentially from 0.5 s to a cap of 8 s with at most 25 % jitter', () => {
		expect([0, 1, 2, 3, 4, 5].map((k) => backoffDelayMs(DEFAULT_RETRY, k, () => 0))).toEqual([
			500, 1000, 2000, 4000, 8000, 8000,
		]);
		expect(backoffDelayMs(DEFAULT_RETRY, 0, () => 1)).toBe(375);
	});

	it.each([
		[408, true],
		[409, true],
		[429, true],
		[500, true],
		[502, true],
		[503, true],
		[400, false],
		[401, false],
		[403, false],
		[404, false],
		[422, false],
	])('HTTP %i retryable: %s', (status, retryable) => {
		expect(decideRetry(freepikVendor, DEFAULT_RETRY, { status, message: 'x' }, {}, 0).retry).toBe(
			retryable,
		);
	});

	it('never retries vendor codes that cannot succeed, whatever the status', () => {
		expect(
			decideRetry(
				openAiVendor,
				DEFAULT_RETRY,
				{ status: 429, message: 'x', code: 'insufficient_quota' },
				{},
				0,
			).retry,
		).toBe(false);
		expect(
			decideRetry(
				novitaVendor,
				DEFAULT_RETRY,
				{ status: 403, message: 'x', code: 'FEATURE_NOT_ALLOWED' },
				{},
				0,
			).retry,
		).toBe(false);
		// "Billing service error" (500): Novita's service failed, not the request.
		expect(
			decideRetry(
				novitaVendor,
				DEFAULT_RETRY,
				{ status: 500, message: 'x', code: 'BILLING_FAILED' },
				{},
				0,
			).retry,
		).toBe(true);
		expect(
			decideRetry(
				novitaVendor,
				DEFAULT_RETRY,
				{ status: 400, message: 'x', code: 'ILLEGAL_IMAGE_CONTENT' },
				{},
				0,
			).retry,
		).toBe(false);
	});

	it('honours x-should-retry and network errors, and stops after maxRetries', () => {
		expect(
			decideRetry(
				freepikVendor,
				DEFAULT_RETRY,
				{ status: 400, message: 'x' },
				{ 'x-should-retry': 'true' },
				0,
			).retry,
		).toBe(true);
		expect(
			decideRetry(
				freepikVendor,
				DEFAULT_RETRY,
				{ status: 503, message: 'x' },
				{ 'x-should-retry': 'false' },
				0,
			).retry,
		).toBe(false);
		expect(
			decideRetry(
				freepikVendor,
				DEFAULT_RETRY,
				{ message: 'x', networkCode: 'ECONNRESET' },
				undefined,
				0,
			).retry,
		).toBe(true);
		expect(
			decideRetry(
				freepikVendor,
				DEFAULT_RETRY,
				{ message: 'x', networkCode: 'ENOTFOUND' },
				undefined,
				0,
			).retry,
		).toBe(false);
		expect(decideRetry(freepikVendor, DEFAULT_RETRY, { status: 503, message: 'x' }, {}, 2)).toEqual(
			{ retry: false, reason: 'exhausted' },
		);
	});

	it('caps how long a Retry-After is honoured', () => {
		expect(
			decideRetry(
				freepikVendor,
				DEFAULT_RETRY,
				{ status: 429, message: 'x' },
				{ 'retry-after': '30' },
				0,
			),
		).toEqual({ retry: true, delayMs: 30000, source: 'server' });
		expect(
			decideRetry(
				freepikVendor,
				DEFAULT_RETRY,
				{ status: 429, message: 'x' },
				{ 'retry-after': '3600' },
				0,
			),
		).toEqual({
			retry: false,
			reason: 'retry-after-too-long',
			requestedMs: 3600000,
		});
	});

	// The edges of the wait headers, and the reason and source each decision names.
	it.each([
		[{ 'retry-after-ms': '0' }, 0],
		[{ 'retry-after-ms': '-5', 'retry-after': '2' }, 2000],
		[{ 'retry-after-ms': 'soon', 'retry-after': '2' }, 2000],
		[{ 'retry-after-ms': 'Infinity', 'retry-after': '2' }, 2000],
		[{ 'retry-after': ' 3 ' }, 3000],
		[{ 'retry-after': '1.25' }, 1250],
		[{ 'retry-after': ['4', '9'] }, 4000],
	])('reads %j as a wait of %i ms', (headers, ms) => {
		expect(serverRequestedDelayMs(headers)).toBe(ms);
	});

	it('retries a network failure that names no code, and says why it does not retry', () => {
		expect(decideRetry(freepikVendor, DEFAULT_RETRY, { message: 'x' }, undefined, 0)).toEqual({
			retry: true,
			delayMs: expect.any(Number),
			source: 'backoff',
		});
		expect(decideRetry(freepikVendor, DEFAULT_RETRY, { status: 400, message: 'x' }, {}, 0)).toEqual(
			{ retry: false, reason: 'not-retryable' },
		);
	});
});

// Every status from 400 to 599 and every network code, for a free and a paid request, against the
// documented behaviour written out here (never read back from the policy's own tables): a wrong
// entry in the retried set or in the set of refusals before processing fails whichever it is.
describe('which failures are sent again, by kind of request', () => {
	const vendor = { name: 'Test API', parseError: () => ({ message: 'x' }) };
	/** Max Retries, Retry-After, x-should-retry: 408, 409, 425, 429 and every 5xx are retried. */
	const RETRIED = new Set([408, 409, 425, 429]);
	/** HTTP's own refusals before processing (RFC 9110 408, RFC 8470 425, RFC 6585 429). */
	const NOT_TAKEN = new Set([408, 425, 429]);
	const statuses = Array.from({ length: 200 }, (_, i) => 400 + i);

	it.each(statuses)('HTTP %i', (status) => {
		const failure = { status, message: 'x' };
		const free = decideRetry(vendor, DEFAULT_RETRY, failure, {}, 0, 'free');
		const paid = decideRetry(vendor, DEFAULT_RETRY, failure, {}, 0, 'paid');
		const resent = decideRetry(
			vendor,
			{ ...DEFAULT_RETRY, resendPaid: true },
			failure,
			{},
			0,
			'paid',
		);
		const retried = RETRIED.has(status) || status >= 500;
		expect({ status, free: free.retry, paid: paid.retry, resent: resent.retry }).toEqual({
			status,
			free: retried,
			paid: NOT_TAKEN.has(status),
			resent: retried,
		});
		if (retried && !NOT_TAKEN.has(status))
			expect(paid).toEqual({ retry: false, reason: 'paid-outcome-unknown' });
	});

	it.each([
		// The connection never opened, or the name never resolved: the vendor has nothing.
		['ECONNREFUSED', true, true],
		['ENOTFOUND', false, false],
		['EAI_AGAIN', true, true],
		// After the request may have been sent: free ones are retried, paid ones are not.
		['ECONNRESET', true, false],
		['ECONNABORTED', true, false],
		['ETIMEDOUT', true, false],
		['ESOCKETTIMEDOUT', true, false],
		['EPIPE', true, false],
		['ERR_BAD_RESPONSE', true, false],
		['UND_ERR_SOCKET', true, false],
		[undefined, true, false],
	])('network failure %s: free retried %s, paid resent %s', (networkCode, free, paid) => {
		const failure = { message: 'x', networkCode };
		expect(decideRetry(vendor, DEFAULT_RETRY, failure, {}, 0, 'free').retry).toBe(free);
		expect(decideRetry(vendor, DEFAULT_RETRY, failure, {}, 0, 'paid').retry).toBe(paid);
	});

	it('a vendor declares its own refusals before processing: Magnific’s 503, and no other vendor’s', () => {
		const failure = { status: 503, message: 'Service Unavailable' };
		expect(decideRetry(freepikVendor, DEFAULT_RETRY, failure, {}, 0, 'paid').retry).toBe(true);
		expect(decideRetry(novitaVendor, DEFAULT_RETRY, failure, {}, 0, 'paid').retry).toBe(false);
		expect(decideRetry(openAiVendor, DEFAULT_RETRY, failure, {}, 0, 'paid').retry).toBe(false);
		for (const status of [500, 502, 504])
			expect(
				decideRetry(freepikVendor, DEFAULT_RETRY, { status, message: 'x' }, {}, 0, 'paid'),
			).toEqual({ retry: false, reason: 'paid-outcome-unknown' });
	});

	it('a paid request the vendor refused is still not resent past Max Retries', () => {
		const failure = { status: 429, message: 'x' };
		expect(decideRetry(vendor, DEFAULT_RETRY, failure, {}, 2, 'paid')).toEqual({
			retry: false,
			reason: 'exhausted',
		});
	});
});
