import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { createHttpClient } from '../../../nodes/shared/http/client';
import type { VendorAdapter } from '../../../nodes/shared/http/vendorError';
import { TEST_NODE } from '../../helpers';

// Which thrown errors count as network failures, and what the message says for each network code,
// including the codes a loopback server cannot produce. These send one attempt whose transport
// throws, as n8n's helper or the HTTP client would.

/** A run whose every HTTP attempt throws `thrown`, as n8n's helper would; counts the attempts. */
function ctxThrowing(thrown: unknown, counter: { sent: number }) {
	const send = async () => {
		counter.sent++;
		throw thrown;
	};
	return {
		getNode: () => TEST_NODE,
		getExecutionCancelSignal: () => undefined,
		logger: { debug: () => {} },
		helpers: { httpRequestWithAuthentication: send, httpRequest: send },
	} as unknown as IExecuteFunctions;
}

const vendor: VendorAdapter = {
	name: 'Test API',
	parseError: (status) => ({ message: `HTTP ${status}` }),
};

async function failureOf(thrown: unknown): Promise<Error & { description?: string }> {
	const counter = { sent: 0 };
	const http = createHttpClient(ctxThrowing(thrown, counter), {
		credentialType: 'testApi',
		baseUrl: 'http://127.0.0.1:9',
		vendor,
		retry: {
			maxRetries: 0,
			initialDelayMs: 1,
			maxDelayMs: 1,
			maxRetryAfterMs: 1000,
			resendPaid: false,
		},
		timeoutMs: 1234,
		concurrency: 1,
		maxDownloadBytes: 1024,
	});
	try {
		await http.get('/status', 0);
	} catch (error) {
		expect(counter.sent).toBe(1);
		return error as Error & { description?: string };
	}
	throw new Error('expected the request to fail');
}

const withCode = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('what a transport error becomes', () => {
	it.each([
		['ETIMEDOUT', 'no answer within 1234 ms'],
		['ECONNABORTED', 'no answer within 1234 ms'],
		['EAI_AGAIN', 'the host name could not be resolved right now (DNS error)'],
		['EPIPE', 'the connection failed'],
	])('an error with code %s: "%s"', async (code, reason) => {
		const error = await failureOf(withCode(code));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(`Test API request failed: ${reason}`);
	});

	it('an error of the HTTP client without a code is a network failure', async () => {
		const error = await failureOf(
			Object.assign(new Error('Network Error'), { isAxiosError: true }),
		);
		expect(error.message).toBe('Test API request failed: the connection failed');
	});

	it("n8n's wrapped error without a known reason is a network failure", async () => {
		const wrapped = new NodeApiError(TEST_NODE, { message: 'Something went wrong' });
		const error = await failureOf(wrapped);
		expect(error.message).toBe('Test API request failed: the connection failed');
	});

	it('a reason among the wrapped messages is found after the first message', async () => {
		const wrapped = new NodeApiError(TEST_NODE, { message: 'Request failed' });
		wrapped.messages.push('aborted');
		const error = await failureOf(wrapped);
		expect(error.message).toBe(
			'Test API request failed: the connection was closed before the response was complete',
		);
	});

	it.each([
		['a plain error', new Error('boom')],
		[
			'an error whose isAxiosError is not true',
			Object.assign(new Error('boom'), { isAxiosError: 1 }),
		],
	])('%s is passed on as it is, not renamed or retried', async (_name, thrown) => {
		const error = await failureOf(thrown);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('boom');
	});
});
