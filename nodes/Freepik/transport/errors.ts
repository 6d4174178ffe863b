import type { VendorAdapter } from '../../shared/http/vendorError';
import { asObject, asString, plainText } from '../../shared/text';

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
	hint(failure) {
		if (failure.status === 401) {
			return 'The API key was rejected or not sent. Check the API key and the Host in the Freepik credential: Magnific keys go to api.magnific.com in the X-Magnific-API-Key header, Freepik keys to api.freepik.com in x-freepik-api-key.';
		}
		if (failure.status === 429) {
			return 'Freepik is rate limiting this key (free keys allow 100 requests a day). Lower the Concurrency option, raise Max Retries, or upgrade the plan.';
		}
		return undefined;
	},
};
