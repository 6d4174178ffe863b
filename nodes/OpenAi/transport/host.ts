import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { checkedBaseUrl } from '../../shared/http/baseUrl';

// Where the OpenAI-compatible API is, and how long one of its answers may take.

/**
 * GPT Image edits at high quality take up to about two minutes; a timeout below that would retry,
 * and pay for, an image still being made.
 */
export const OPENAI_TIMEOUT_MS = 300_000;

export function openAiBaseUrl(
	ctx: IExecuteFunctions,
	credentials: ICredentialDataDecryptedObject,
): string {
	return checkedBaseUrl(ctx, credentials.baseUrl, 'OpenAI-Compatible Images');
}
