import type { IExecuteFunctions } from 'n8n-workflow';

// n8n's resume URL of a waiting execution ($execution.resumeUrl): where a vendor calls back so
// that n8n runs the waiting node's webhook(). Since n8n 2.14 it carries the execution's resume
// token in its `signature` query (earlier versions sign only send-and-wait URLs): whoever holds it
// can resume the execution, so it is a secret of the run like the credential's key.

/** The execution's resume URL, as n8n gives it to expressions. */
export function resumeUrl(ctx: IExecuteFunctions, itemIndex: number): string {
	return String(ctx.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex) ?? '');
}

/** The query values of the resume URL (its token), to be redacted wherever they appear. */
export function resumeSecrets(ctx: IExecuteFunctions): string[] {
	if (ctx.getInputData().length === 0) return [];
	let url: URL;
	try {
		url = new URL(resumeUrl(ctx, 0));
	} catch {
		// No resume URL here (a run n8n cannot put to wait): nothing to redact.
		return [];
	}
	return [...url.searchParams.values()].filter((value) => value.length >= 8);
}

const PRIVATE_HOST = [
	/^localhost$/i,
	/\.localhost$/i,
	/\.local$/i,
	/^127\./,
	/^10\./,
	/^192\.168\./,
	/^172\.(1[6-9]|2\d|3[01])\./,
	/^169\.254\./,
	/^0\.0\.0\.0$/,
	/^\[?::1\]?$/,
	/^\[?f[cd][0-9a-f]{2}:/i,
	/^\[?fe80:/i,
];

/** Whether a host name is one only this machine or its network can reach. */
export function isPrivateHost(hostname: string): boolean {
	return PRIVATE_HOST.some((pattern) => pattern.test(hostname));
}
