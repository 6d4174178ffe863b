import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { checkedBaseUrl } from '../../shared/http/baseUrl';

// Where the Novita API is, and how long one of its answers may take.

/** Novita advises a client timeout above 60 s. */
export const NOVITA_TIMEOUT_MS = 120_000;

export function novitaBaseUrl(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
): string {
	return checkedBaseUrl(ctx, credentials.baseUrl, 'Novita AI');
}
