import { SECRET_KEYS, startServer } from './helpers';
import type { Vendor } from './vendors';
import { createVendorServers, VENDORS } from './vendors';

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
	const credentialsOf = (vendor: Vendor) => () => ({
		[VENDORS[vendor].credentialType]: VENDORS[vendor].credentialData(
			servers[vendor].baseUrl,
			SECRET_KEYS[vendor],
		),
	});
	const credentials = {
		novita: credentialsOf('novita'),
		freepik: credentialsOf('freepik'),
		openai: credentialsOf('openai'),
	};
	return { ...servers, servers, credentials, credentialsOf };
}
