import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, UserError } from 'n8n-workflow';

import { createHttpClient } from '../../../nodes/shared/http/client';
import { ssrfBlock, ssrfBlockedError } from '../../../nodes/shared/http/ssrf';
import { TEST_NODE } from '../../helpers';

// n8n 2.12+ refuses internal addresses when its SSRF protection is on, by throwing from its HTTP
// helper before connecting (test/e2e/cli.e2e.ts runs it on the real n8n). These errors are built
// as @n8n/backend-network builds them: a UserError with a name, the address, and a cause chain
// when the helper wraps them.

const ctx = {
	getNode: () => TEST_NODE,
	getExecutionCancelSignal: () => undefined,
	logger: { debug: () => {} },
} as unknown as IExecuteFunctions;

function blockedIp(ip: string, hostname?: string) {
	return Object.assign(
		new UserError('The request was blocked because it resolves to a restricted IP address'),
		{ name: 'SsrfBlockedIpError', ip, hostname },
	);
}

function blockedHostname(hostname: string) {
	return Object.assign(
		new UserError('The request was blocked because the destination hostname is restricted'),
		{ name: 'SsrfBlockedHostnameError', hostname },
	);
}

describe('recognising n8n’s SSRF block', () => {
	it('by the error’s name, on the error or up to its fourth cause', () => {
		const block = blockedIp('10.0.0.5');
		expect(ssrfBlock(block)).toBe(block);
		let wrapped: Error = block;
		for (let depth = 0; depth < 4; depth++) wrapped = new Error('wrapped', { cause: wrapped });
		expect(ssrfBlock(wrapped)).toBe(block);
		expect(ssrfBlock(new Error('deeper', { cause: wrapped }))).toBeUndefined();
	});

	it('not for other errors, whatever their message says', () => {
		expect(
			ssrfBlock(
				new Error('The request was blocked because it resolves to a restricted IP address'),
			),
		).toBeUndefined();
		expect(ssrfBlock(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBeUndefined();
		expect(ssrfBlock(undefined)).toBeUndefined();
		expect(ssrfBlock(null)).toBeUndefined();
		expect(ssrfBlock(new Error('x', { cause: null }))).toBeUndefined();
		expect(ssrfBlock('SsrfBlockedIpError')).toBeUndefined();
	});
});

describe('the error the item fails with', () => {
	it.each([
		[blockedIp('10.0.0.5', 'images.internal'), 'images.internal (10.0.0.5)'],
		[blockedIp('10.0.0.5', '10.0.0.5'), '10.0.0.5'],
		[blockedIp('10.0.0.5'), '10.0.0.5'],
		[blockedHostname('metadata.google.internal'), 'metadata.google.internal'],
		[Object.assign(new Error('x'), { name: 'SsrfBlockedIpError' }), 'the address'],
		// Fields of another shape than n8n's are not quoted.
		[Object.assign(blockedIp('10.0.0.5'), { hostname: 42 }), '10.0.0.5'],
		[
			Object.assign(blockedHostname('images.internal'), { ip: { v4: '10.0.0.5' } }),
			'images.internal',
		],
	])('names the address and the settings that decide (%#)', (block, target) => {
		const error = ssrfBlockedError(ctx, 'Image URL download', ssrfBlock(block)!, 3);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			`Image URL download: n8n's SSRF protection blocked the request to ${target}, a restricted address`,
		);
		expect(error.description).toBe(
			'This n8n runs with SSRF protection on (N8N_SSRF_PROTECTION_ENABLED), which refuses requests to internal addresses. If this address is meant to be reached, an n8n administrator can allow it with N8N_SSRF_ALLOWED_IP_RANGES or N8N_SSRF_ALLOWED_HOSTNAMES; otherwise use an address on the public internet.',
		);
		expect(error.context.itemIndex).toBe(3);
	});

	it('is not retried, however many retries are allowed', async () => {
		let sent = 0;
		const send = async () => {
			sent++;
			// As an HTTP client's error wrapping it: a transport failure that would be retried.
			throw Object.assign(new Error('request failed', { cause: blockedIp('127.0.0.2') }), {
				isAxiosError: true,
			});
		};
		const http = createHttpClient(
			{ ...ctx, helpers: { httpRequestWithAuthentication: send } } as unknown as IExecuteFunctions,
			{
				credentialType: 'testApi',
				baseUrl: 'http://127.0.0.2',
				vendor: { name: 'Test API', parseError: () => ({ message: 'x' }) },
				retry: {
					maxRetries: 5,
					initialDelayMs: 1,
					maxDelayMs: 1,
					maxRetryAfterMs: 1000,
					resendPaid: false,
				},
				timeoutMs: 1000,
				concurrency: 1,
				maxDownloadBytes: 1024,
			},
		);
		const failure = http.get('/status', 0);
		await expect(failure).rejects.toThrow(
			"Test API: n8n's SSRF protection blocked the request to 127.0.0.2, a restricted address",
		);
		expect(sent).toBe(1);
	});
});
