import type { IExecuteFunctions } from 'n8n-workflow';

import type { VendorAdapter, VendorFailure } from '../../../nodes/shared/http/vendorError';
import { defaultHint, vendorApiError } from '../../../nodes/shared/http/vendorError';
import { TEST_NODE } from '../../helpers';

// The generic hints: what a gateway or proxy in front of a vendor gets for a status the vendor's
// adapter has no hint of its own for.

const ctx = { getNode: () => TEST_NODE } as unknown as IExecuteFunctions;

/** An adapter without hints of its own, as a new vendor starts. */
const plainVendor: VendorAdapter = {
	name: 'Test API',
	parseError: (status) => ({ message: `HTTP ${status}` }),
};

const TIMEOUT = 'The API did not answer in time. Raise the Timeout option, or try again later.';
const UNREACHABLE =
	'The host could not be reached. Check the Base URL in the credential and the network of this n8n instance.';
const CONNECTION =
	'The connection to the API failed. Try again later; if it keeps happening, check the Base URL in the credential.';
const SERVER =
	'The API failed on its side. Try again later, or raise Max Retries so temporary failures are retried.';

describe('the generic hint for a failure no vendor hint covers', () => {
	it.each<[number, string]>([
		[400, 'The API rejected the request. Check the node parameters against the message above.'],
		[401, 'The API key was rejected. Check the API key in the credential used by this node.'],
		[
			403,
			'The API key is not allowed to do this. Check the API key and the plan of the account it belongs to.',
		],
		[
			404,
			'The host does not serve this endpoint. Check the Base URL in the credential; the vendor may have moved or retired it.',
		],
		[408, 'The API timed out. Try again later or raise the Timeout option.'],
		[413, 'The upload is too large for the API. Use a smaller image.'],
		[
			429,
			'The API is rate limiting this account. Lower the Concurrency option, raise Max Retries, or spread the workflow over time.',
		],
		[500, SERVER],
		[503, SERVER],
		[599, SERVER],
		[418, 'Check the node parameters and the credential.'],
		[499, 'Check the node parameters and the credential.'],
	])('HTTP %i: %s', (status, hint) => {
		expect(defaultHint({ status, message: 'x' })).toBe(hint);
	});

	it.each<[string | undefined, string]>([
		['ECONNABORTED', TIMEOUT],
		['ETIMEDOUT', TIMEOUT],
		['ENOTFOUND', UNREACHABLE],
		['ECONNREFUSED', UNREACHABLE],
		['ECONNRESET', CONNECTION],
		[undefined, CONNECTION],
	])('no answer, %s: %s', (networkCode, hint) => {
		expect(defaultHint({ message: 'x', networkCode })).toBe(hint);
	});
});

describe('a vendor error from an adapter without hints', () => {
	it('takes the generic hint, and has no httpCode when no answer came', () => {
		const failure: VendorFailure = { message: 'socket hang up', networkCode: 'ECONNRESET' };
		const error = vendorApiError(ctx, plainVendor, failure, 2);
		expect(error.message).toBe('Test API request failed: socket hang up');
		expect(error.description).toBe(CONNECTION);
		expect(error.httpCode ?? undefined).toBeUndefined();
		expect(error.context.itemIndex).toBe(2);
	});

	it('an HTTP failure carries its status as httpCode', () => {
		const error = vendorApiError(ctx, plainVendor, { status: 502, message: 'Bad gateway' }, 0);
		expect(error.message).toBe('Test API returned HTTP 502: Bad gateway');
		expect(error.description).toBe(SERVER);
		expect(error.httpCode).toBe('502');
	});
});
