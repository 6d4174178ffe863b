import { fixtures } from '../fixtures/images';
import { FAST_RETRY } from '../helpers';
import { testCredentials } from '../vendorServers';
import type { NodeEntry } from '../vendors';
import { NODES } from '../vendors';
import type { InputItem, RunResult, RunSpec } from './engine';
import { runNode } from './engine';

// The one way a test runs a node: an entry of the registry (test/vendors.ts) with its default
// parameters, changed only where the test says. What a test does not name is the same everywhere:
// one 64×64 PNG named in.png from binary `data`, output to `data`, short retry delays, the
// vendor's credential with the test key pointing at the test's contract server.

export interface EntryRun extends Omit<
	Partial<RunSpec>,
	'nodeType' | 'parameters' | 'credentials'
> {
	/** The contract server the vendor's credential points at. */
	server?: { baseUrl: string };
	/** Fields of that credential to change (another key, a Base URL, an organisation). */
	credential?: Record<string, unknown>;
	/** The credentials as a whole, instead of `server` (e.g. the sandbox's). */
	credentials?: RunSpec['credentials'];
	/** Over the entry's parameters; `options` is merged over the entry's options. */
	parameters?: Record<string, unknown>;
}

/** `count` copies of one image as input items, in binary `data`. */
export function imageItems(count = 1, fileName = 'in.png', data = fixtures.squarePng): InputItem[] {
	return Array.from({ length: count }, () => ({
		binary: { data: { data, fileName, mimeType: 'image/png' } },
	}));
}

export function entryById(id: string): NodeEntry {
	const entry = NODES.find((node) => node.id === id);
	if (!entry) throw new Error(`No node entry "${id}" in test/vendors.ts`);
	return entry;
}

function credentialsFor(entry: NodeEntry, run: EntryRun): RunSpec['credentials'] {
	if (run.credentials) return run.credentials;
	if (!run.server) throw new Error(`runEntry(${entry.id}): give the server or the credentials`);
	return testCredentials(entry.vendor, run.server.baseUrl, run.credential);
}

/** Runs the registry's node `node` through n8n's engine, as `run` changes it. */
export async function runEntry(node: NodeEntry | string, run: EntryRun = {}): Promise<RunResult> {
	const entry = typeof node === 'string' ? entryById(node) : node;
	const { server: _server, credential: _credential, parameters = {}, ...spec } = run;
	return await runNode({
		typeVersion: entry.typeVersion,
		items: imageItems(),
		...spec,
		nodeType: entry.nodeType,
		parameters: {
			inputSource: 'binary',
			binaryPropertyName: 'data',
			outputBinaryPropertyName: 'data',
			...entry.parameters,
			...parameters,
			options: {
				...FAST_RETRY,
				...(entry.parameters.options as object),
				...(parameters.options as object),
			},
		} as never,
		credentials: credentialsFor(entry, run),
	});
}
