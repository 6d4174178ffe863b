import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { FreepikApi } from '../../../credentials/FreepikApi.credentials';
import { freepikPresetBaseUrl } from '../../../credentials/freepikHosts';
import { checkedBaseUrl } from '../../shared/http/baseUrl';
import type { VendorAdapter } from '../../shared/http/vendorError';
import { asObject, asString, plainText } from '../../shared/text';

// The Freepik (Magnific) API as the node reaches it: the credential, where the API is and how
// long one of its answers may take, and how its errors read.

/**
 * The credential the Freepik node uses: n8n injects it by its name, and every run redacts the
 * values of the password fields it declares from all the node emits.
 */
export const FREEPIK_CREDENTIAL = new FreepikApi();

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

/** Freepik errors: `{message}` or application/problem+json `{message, invalid_params: [{name, reason}]}`. */
export const freepikVendor: VendorAdapter = {
	name: 'Freepik',
	parseError(status, body) {
		const obj = asObject(body);
		const problem = asObject(obj.problem);
		const params = (
			Array.isArray(obj.invalid_params) ? obj.invalid_params : problem.invalid_params
		) as unknown;
		const details = Array.isArray(params)
			? params.map((p) => {
					const entry = asObject(p);
					return `${asString(entry.name) ?? '?'}: ${asString(entry.reason) ?? 'invalid'}`;
				})
			: undefined;
		return {
			message:
				asString(obj.message) ??
				asString(problem.message) ??
				plainText(body) ??
				`HTTP ${status} without an error message`,
			details,
		};
	},
	// docs.magnific.com (Flux Kontext Pro, best practices): "Implement retry logic for 503 errors
	// during high traffic": a 503 is Magnific refusing the request, not losing one it took.
	refusedBeforeProcessing: (failure) => failure.status === 503,
	paidCheck: 'Check the API usage of the key in the Freepik / Magnific dashboard',
	hint(failure) {
		if (failure.status === 401) {
			return 'The API key was rejected or not sent. Check the API key and the Host in the Freepik credential: Magnific keys go to api.magnific.com in the X-Magnific-API-Key header, Freepik keys to api.freepik.com in x-freepik-api-key.';
		}
		if (failure.status === 429) {
			return 'Freepik (Magnific) is rate limiting this key: Magnific allows 50 requests a minute per key (and per IP 50 a second, 10 a second on average over 2 minutes); free Freepik keys 100 requests a day. Lower the Concurrency option, raise Max Retries, or upgrade the plan.';
		}
		return undefined;
	},
};
