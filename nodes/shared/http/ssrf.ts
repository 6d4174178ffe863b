import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The errors n8n's HTTP helpers throw, before connecting, when its SSRF protection (n8n 2.12 and
 * later, off by default) refuses an address: SsrfBlockedIpError and SsrfBlockedHostnameError of
 * @n8n/backend-network. Recognised by name, as the node cannot import them.
 */
const BLOCKED_ERRORS = new Set(['SsrfBlockedIpError', 'SsrfBlockedHostnameError']);

interface BlockedRequest {
	ip?: unknown;
	hostname?: unknown;
}

/** The block in an error or its causes, if n8n's SSRF protection refused the request. */
export function ssrfBlock(error: unknown): BlockedRequest | undefined {
	let current = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		if (BLOCKED_ERRORS.has((current as Error).name)) return current as BlockedRequest;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * Says which settings decide, since the node can change neither (and reads no environment): the
 * policy is the n8n administrator's. Never retried: the same address is refused every time.
 */
export function ssrfBlockedError(
	ctx: IExecuteFunctions,
	what: string,
	block: BlockedRequest,
	itemIndex: number,
): NodeOperationError {
	const host = typeof block.hostname === 'string' ? block.hostname : undefined;
	const ip = typeof block.ip === 'string' ? block.ip : undefined;
	const target = host && ip && host !== ip ? `${host} (${ip})` : (host ?? ip ?? 'the address');
	return new NodeOperationError(
		ctx.getNode(),
		`${what}: n8n's SSRF protection blocked the request to ${target}, a restricted address`,
		{
			itemIndex,
			description: `This n8n runs with SSRF protection on (N8N_SSRF_PROTECTION_ENABLED), which refuses requests to internal addresses. If this address is meant to be reached, an n8n administrator can allow it with N8N_SSRF_ALLOWED_IP_RANGES or N8N_SSRF_ALLOWED_HOSTNAMES; otherwise use an address on the public internet.`,
		},
	);
}
