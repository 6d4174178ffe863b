import { createHmac, timingSafeEqual } from 'crypto';

// Magnific signs each webhook call the Standard Webhooks way (docs.magnific.com, "Webhook
// security"): HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}" with the secret that
// comes with the API key, base64, in `webhook-signature` as space-separated "version,signature"
// pairs. The page's samples take the secret as UTF-8 text (Python, JavaScript, Java); its PHP
// sample base64-decodes it, as Standard Webhooks' "whsec_" secrets are: both keys are tried. The
// page states no timestamp tolerance: Standard Webhooks' 5 minutes are used.

export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/** The three headers of a call and its body exactly as received. */
export interface SignedCall {
	id?: string;
	timestamp?: string;
	signature?: string;
	rawBody: string;
}

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

function keysOf(secret: string): Buffer[] {
	const keys = [Buffer.from(secret, 'utf8')];
	const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
	if (/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) && encoded.length % 4 === 0)
		keys.push(Buffer.from(encoded, 'base64'));
	return keys;
}

/**
 * Whether the call was signed with `secret` at most SIGNATURE_TOLERANCE_MS from `nowMs`. Every
 * signature is compared in constant time; the reason never quotes a signature or the secret.
 */
export function verifySignature(secret: string, call: SignedCall, nowMs: number): SignatureCheck {
	if (!call.id || !call.timestamp || !call.signature)
		return {
			valid: false,
			reason: 'webhook-id, webhook-timestamp or webhook-signature is missing',
		};
	if (!/^\d{1,12}$/.test(call.timestamp))
		return { valid: false, reason: 'webhook-timestamp is not a Unix time in seconds' };
	if (Math.abs(nowMs - Number(call.timestamp) * 1000) > SIGNATURE_TOLERANCE_MS)
		return { valid: false, reason: 'webhook-timestamp is more than 5 minutes away from now' };
	const content = `${call.id}.${call.timestamp}.${call.rawBody}`;
	const expected = keysOf(secret).map((key) =>
		createHmac('sha256', key).update(content, 'utf8').digest(),
	);
	// "v1,signature1 v2,signature2": any listed signature that matches is enough (the page's own
	// samples compare every entry, whatever its version).
	for (const entry of call.signature.split(' ')) {
		const encoded = entry.slice(entry.indexOf(',') + 1);
		if (!entry.includes(',') || !encoded) continue;
		const given = Buffer.from(encoded, 'base64');
		if (expected.some((hash) => hash.length === given.length && timingSafeEqual(hash, given)))
			return { valid: true };
	}
	return { valid: false, reason: 'no signature in webhook-signature matches the Webhook Secret' };
}
