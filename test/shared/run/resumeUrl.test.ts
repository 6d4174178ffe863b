import type { IExecuteFunctions } from 'n8n-workflow';

import { isPrivateHost, resumeSecrets, resumeUrl } from '../../../nodes/shared/run/resumeUrl';

// The resume URL n8n gives a waiting execution: whether a vendor on the internet can reach its
// host, and which of its parts are secrets (n8n 2.14+: the resume token in `signature`).

/** Only what resumeUrl.ts reads of the context: the input's length and one expression. */
function contextWith(url: unknown, items = 1): IExecuteFunctions {
	return {
		getInputData: () => Array.from({ length: items }, () => ({ json: {} })),
		evaluateExpression: (expression: string) => {
			expect(expression).toBe('{{ $execution.resumeUrl }}');
			return url;
		},
	} as unknown as IExecuteFunctions;
}

describe('isPrivateHost', () => {
	it.each([
		'localhost',
		'LOCALHOST',
		'n8n.localhost',
		'printer.local',
		'127.0.0.1',
		'127.1.2.3',
		'10.0.0.5',
		'192.168.1.20',
		'172.16.0.1',
		'172.24.9.9',
		'172.31.255.255',
		'169.254.169.254',
		'0.0.0.0',
		'[::1]',
		'::1',
		'[fd12:3456::1]',
		'[fc00::1]',
		'[fe80::1]',
	])('%s is reachable only from this machine or its network', (host) => {
		expect(isPrivateHost(host)).toBe(true);
	});

	it.each([
		'n8n.example.com',
		'api.magnific.com',
		'8.8.8.8',
		'172.15.0.1',
		'172.32.0.1',
		'192.169.0.1',
		'11.0.0.1',
		'128.0.0.1',
		'localhost.example.com',
		'mylocal',
		'[2001:db8::1]',
		'[fe90::1]',
		'x10.0.0.1',
	])('%s is public', (host) => {
		expect(isPrivateHost(host)).toBe(false);
	});
});

describe('resumeUrl and resumeSecrets', () => {
	it('reads $execution.resumeUrl for the item', () => {
		expect(resumeUrl(contextWith('http://n8n.test/webhook-waiting/7'), 0)).toBe(
			'http://n8n.test/webhook-waiting/7',
		);
		expect(resumeUrl(contextWith(undefined), 0)).toBe('');
	});

	it('takes the query values of 8 characters or more as secrets (the resume token)', () => {
		const url = 'https://n8n.example.com/webhook-waiting/42?signature=0123456789abcdef&x=short';
		expect(resumeSecrets(contextWith(url))).toEqual(['0123456789abcdef']);
		expect(
			resumeSecrets(contextWith('https://n8n.example.com/webhook-waiting/42?a=12345678')),
		).toEqual(['12345678']);
		expect(
			resumeSecrets(contextWith('https://n8n.example.com/webhook-waiting/42?a=1234567')),
		).toEqual([]);
	});

	it('has none without a token, without a resume URL, or without items', () => {
		expect(resumeSecrets(contextWith('https://n8n.example.com/webhook-waiting/42'))).toEqual([]);
		expect(resumeSecrets(contextWith('undefined/42'))).toEqual([]);
		expect(resumeSecrets(contextWith('https://n8n.example.com/w?signature=0123456789', 0))).toEqual(
			[],
		);
	});
});
