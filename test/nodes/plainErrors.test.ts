import { runEntry } from '../harness/runEntry';
import type { Fault } from '../servers/contractServer';
import { startVendorServers } from '../vendorServers';
import { NODES } from '../vendors';

// n8n stores a node's error with the execution, logs it, and in queue mode sends it between
// processes as JSON: an error that held a live request or socket (as the HTTP client's own errors
// do, '_httpMessage' → 'socket') would not serialise, and n8n logs "Converting circular structure
// to JSON" instead. Every node's errors are built from plain data; this holds it for a wrong key,
// a reset and a timeout on every node of the registry.

const { servers } = startVendorServers();

const FAULTS: Array<[string, Fault]> = [
	['a wrong key', { kind: 'status', status: 401, body: { message: 'Invalid API key' } }],
	['a connection reset', { kind: 'reset' }],
	['no answer in time', { kind: 'hang' }],
];

describe.each(NODES)('$id', (node) => {
	it.each(FAULTS)('after %s, the error and the run serialise to JSON', async (_name, fault) => {
		servers[node.vendor].fail(node.route, fault);
		const result = await runEntry(node, {
			server: servers[node.vendor],
			parameters: { options: { timeoutMs: 500, maxRetries: 0 } },
		});
		expect(result.error).toBeDefined();
		expect(() => JSON.stringify(result.error)).not.toThrow();
		expect(() => JSON.stringify(result.run)).not.toThrow();
		expect(JSON.stringify(result.error)).not.toMatch(/_httpMessage|"socket"/);
	});
});
