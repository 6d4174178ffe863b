import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { checkedBaseUrl } from '../../shared/http/baseUrl';
import { freepikPresetBaseUrl } from '../../../credentials/freepikHosts';

// Where the Freepik (Magnific) API is, and how long one of its answers may take.

export const FREEPIK_TIMEOUT_MS = 60_000;

/** The preset host's base URL (Freepik or Magnific), or the credential's own, checked. */
export function freepikBaseUrl(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
): string {
	return (
		freepikPresetBaseUrl(credentials.host) ?? checkedBaseUrl(ctx, credentials.baseUrl, 'Freepik')
	);
}
