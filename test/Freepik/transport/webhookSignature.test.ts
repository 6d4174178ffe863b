// Magnific's callback signature, as its "Webhook security" page describes it, computed here by
// hand (never with the node's code): HMAC-SHA256 of "{id}.{timestamp}.{body}", base64, in
// "v1,<signature>" entries separated by spaces.
import { createHmac } from 'node:crypto';

import { verifySignature } from '../../../nodes/Freepik/transport/webhookSignature';

const SECRET = 'magnific-secret-1';
const NOW = 1_765_000_000_000;
const BODY = '{"task_id":"t-1","status":"COMPLETED","generated":["https://x/1.png"]}';

function sign(secret: string | Buffer, id: string, timestamp: string, body: string): string {
	return createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
}

const call = (overrides: Partial<Record<'id' | 'timestamp' | 'signature' | 'rawBody', string>>) => {
	const id = overrides.id ?? 'msg_1';
	const timestamp = overrides.timestamp ?? String(NOW / 1000);
	const rawBody = overrides.rawBody ?? BODY;
	return {
		id,
		timestamp,
		rawBody,
		signature: overrides.signature ?? `v1,${sign(SECRET, id, timestamp, BODY)}`,
	};
};

describe('verifySignature', () => {
	it('accepts the page’s signature of the raw body with the UTF-8 secret', () => {
		expect(verifySignature(SECRET, call({}), NOW)).toEqual({ valid: true });
	});

	it('accepts any matching entry of a space-separated list (a rotated secret)', () => {
		const good = sign(SECRET, 'msg_1', String(NOW / 1000), BODY);
		const signature = `v1,${Buffer.alloc(32).toString('base64')} v1,${good}`;
		expect(verifySignature(SECRET, call({ signature }), NOW)).toEqual({ valid: true });
	});

	it('accepts a whsec_ secret base64-decoded, as the page’s PHP sample and Standard Webhooks do', () => {
		const key = Buffer.from('0123456789abcdef0123456789abcdef');
		const secret = `whsec_${key.toString('base64')}`;
		const signature = `v1,${sign(key, 'msg_1', String(NOW / 1000), BODY)}`;
		expect(verifySignature(secret, call({ signature }), NOW)).toEqual({ valid: true });
	});

	it('accepts a plain base64 secret decoded too (the page’s PHP sample decodes it)', () => {
		const key = Buffer.from('secret-key-1234567890');
		const secret = key.toString('base64');
		const signature = `v1,${sign(key, 'msg_1', String(NOW / 1000), BODY)}`;
		expect(verifySignature(secret, call({ signature }), NOW)).toEqual({ valid: true });
	});

	it.each([
		['characters base64 does not have', 'YWJj-ZGV'],
		['a length base64 does not have', 'YWJjZA'],
	])('tries no decoded key for a secret with %s (Node would decode it leniently)', (_, secret) => {
		const signature = `v1,${sign(Buffer.from(secret, 'base64'), 'msg_1', String(NOW / 1000), BODY)}`;
		expect(verifySignature(secret, call({ signature }), NOW)).toEqual({
			valid: false,
			reason: 'no signature in webhook-signature matches the Webhook Secret',
		});
	});

	it('refuses a signature of another length without throwing', () => {
		expect(verifySignature(SECRET, call({ signature: 'v1,YWJj' }), NOW)).toEqual({
			valid: false,
			reason: 'no signature in webhook-signature matches the Webhook Secret',
		});
	});

	it('accepts a timestamp exactly 5 minutes old', () => {
		const timestamp = String((NOW - 5 * 60_000) / 1000);
		const signature = `v1,${sign(SECRET, 'msg_1', timestamp, BODY)}`;
		expect(verifySignature(SECRET, call({ timestamp, signature }), NOW)).toEqual({ valid: true });
	});

	it.each([
		['another secret', { signature: `v1,${sign('other', 'msg_1', String(NOW / 1000), BODY)}` }],
		['a body changed after signing', { rawBody: BODY.replace('COMPLETED', 'FAILED') }],
		[
			'another webhook-id',
			{ id: 'msg_2', signature: `v1,${sign(SECRET, 'msg_1', String(NOW / 1000), BODY)}` },
		],
		[
			'a signature without a version',
			{ signature: sign(SECRET, 'msg_1', String(NOW / 1000), BODY) },
		],
		['an empty signature', { signature: 'v1,' }],
	])('refuses %s', (_, overrides) => {
		const result = verifySignature(SECRET, call(overrides), NOW);
		expect(result).toEqual({
			valid: false,
			reason: 'no signature in webhook-signature matches the Webhook Secret',
		});
	});

	it.each([
		['older than 5 minutes', NOW - 5 * 60_000 - 1000],
		['more than 5 minutes ahead', NOW + 5 * 60_000 + 1000],
	])('refuses a timestamp %s (a replay)', (_, at) => {
		const timestamp = String(Math.floor(at / 1000));
		const signature = `v1,${sign(SECRET, 'msg_1', timestamp, BODY)}`;
		expect(verifySignature(SECRET, call({ timestamp, signature }), NOW)).toEqual({
			valid: false,
			reason: 'webhook-timestamp is more than 5 minutes away from now',
		});
	});

	it('accepts a timestamp just within 5 minutes', () => {
		const timestamp = String(Math.floor((NOW - 5 * 60_000 + 2000) / 1000));
		const signature = `v1,${sign(SECRET, 'msg_1', timestamp, BODY)}`;
		expect(verifySignature(SECRET, call({ timestamp, signature }), NOW)).toEqual({ valid: true });
	});

	it.each([
		['no webhook-id', { id: '' }],
		['no webhook-timestamp', { timestamp: '' }],
		['no webhook-signature', { signature: '' }],
	])('refuses a call with %s', (_, overrides) => {
		expect(verifySignature(SECRET, call(overrides), NOW)).toEqual({
			valid: false,
			reason: 'webhook-id, webhook-timestamp or webhook-signature is missing',
		});
	});

	it.each(['2026-12-07T18:00:00Z', '1765000000000', ' 1765000000', '1765000000.5'])(
		'refuses a timestamp that is not Unix seconds: %s',
		(timestamp) => {
			expect(verifySignature(SECRET, call({ timestamp }), NOW)).toEqual({
				valid: false,
				reason: 'webhook-timestamp is not a Unix time in seconds',
			});
		},
	);

	it('never quotes a signature or the secret in its reason', () => {
		const result = verifySignature(SECRET, call({ rawBody: '{}' }), NOW);
		expect(JSON.stringify(result)).not.toContain(SECRET);
		expect(JSON.stringify(result)).not.toContain(call({}).signature.slice(3, 15));
	});
});
