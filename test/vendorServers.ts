import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { SECRET_KEYS, startServer } from './helpers';
import type { Vendor } from './vendors';
import { createVendorServers, VENDORS } from './vendors';

/** A vendor's credential holding the test key, pointing at `baseUrl`; `changes` over its fields. */
export function testCredentials(
	vendor: Vendor,
	baseUrl: string,
	changes: Record<string, unknown> = {},
): Record<string, ICredentialDataDecryptedObject> {
	const { credentialType, credentialData } = VENDORS[vendor];
	return {
		[credentialType]: {
			...credentialData(baseUrl, SECRET_KEYS[vendor]),
			...changes,
		} as ICredentialDataDecryptedObject,
	};
}

/**
 * Every vendor's contract server for one test file, started before its tests, reset after each,
 * stopped at the end, expecting the test keys; and each vendor's credential pointing at them.
 */
export function startVendorServers() {
	const servers = createVendorServers();
	for (const [vendor, server] of Object.entries(servers) as Array<
		[Vendor, (typeof servers)[Vendor]]
	>) {
		startServer(server, VENDORS[vendor].mountPath);
		beforeAll(() => {
			server.apiKey = SECRET_KEYS[vendor];
		});
	}
	const credentialsOf = (vendor: Vendor) => () => testCredentials(vendor, servers[vendor].baseUrl);
	const credentials = {
		novita: credentialsOf('novita'),
		freepik: credentialsOf('freepik'),
		openai: credentialsOf('openai'),
	};
	return { ...servers, servers, credentials, credentialsOf };
}
