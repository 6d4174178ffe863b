import type { ExecutionError, INode, INodeExecutionData } from 'n8n-workflow';

import type { ContractServer } from './servers/contractServer';

/** Recognisable keys so the secret scans can search for them everywhere. */
export const SECRET_KEYS = {
	// URL-special and regular-expression characters, so an URL-encoded echo differs from the key
	// and a redaction that builds a regular expression from the key would break.
	novita: 'sk_novita_SECRET+7f3a/9c1e=5b',
	freepik: 'FPSX_SECRET$d41d(8cd)98f00*',
	openai: 'sk-proj-SECRET/0123456789+abcdef?',
};

/** The node a unit test's stand-in for n8n's execute context answers getNode() with. */
export const TEST_NODE: INode = {
	id: 'n',
	name: 'Node',
	type: 't',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Short retry delays so retry tests are quick; spacing is still asserted from server timestamps. */
export const FAST_RETRY = { retryDelayMs: 40, retryMaxDelayMs: 400 };

export function startServer<T extends ContractServer>(server: T, mountPath = ''): T {
	beforeAll(async () => {
		await server.start(mountPath);
	});
	afterEach(() => server.reset());
	afterAll(async () => {
		await server.stop();
	});
	return server;
}

/**
 * Every own property, enumerable or not (message, stack, cause, errorResponse…), of every object
 * reachable from `value`, as text: what a leak check must search.
 */
export function deepText(value: unknown, seen = new Set<unknown>()): string {
	if (typeof value === 'string') return value;
	if (typeof value !== 'object' || value === null) return String(value);
	if (seen.has(value) || Buffer.isBuffer(value)) return '';
	seen.add(value);
	return Object.getOwnPropertyNames(value)
		.map((key) => {
			const descriptor = Object.getOwnPropertyDescriptor(value, key);
			return `${key}: ${descriptor && 'value' in descriptor ? deepText(descriptor.value, seen) : ''}`;
		})
		.join('\n');
}

/** Everything a run produced, serialised, for "the key never appears" checks. */
export function serialise(
	items: INodeExecutionData[],
	error?: ExecutionError,
	run?: unknown,
): string {
	return [
		JSON.stringify(items),
		deepText(items),
		deepText(error),
		error ? JSON.stringify(error) : '',
		deepText(run),
	].join('\n');
}

/** Every run of 8 characters of the secret, and of the secret URL-encoded. */
export function secretSlices(secret: string): string[] {
	const slices = new Set<string>();
	for (const form of [secret, encodeURIComponent(secret)]) {
		for (let i = 0; i + 8 <= form.length; i++) slices.add(form.slice(i, i + 8));
	}
	return [...slices];
}

/** Fails with the first slice of a secret found in the text, and where. */
export function expectNoSecrets(
	text: string,
	secrets: string[] = Object.values(SECRET_KEYS),
): void {
	for (const secret of secrets) {
		for (const slice of secretSlices(secret)) {
			const at = text.indexOf(slice);
			if (at !== -1)
				throw new Error(
					`"${slice}" of a secret appears in: …${text.slice(Math.max(0, at - 80), at + 40)}…`,
				);
		}
	}
}

export function gaps(times: number[]): number[] {
	return times.slice(1).map((t, i) => t - times[i]);
}

/** Refusals (429) among the first `waveSize` requests, and after them. */
export function refusalsByWave(
	requests: Array<{ status?: number }>,
	waveSize: number,
): [number, number] {
	const refused = (list: Array<{ status?: number }>) => list.filter((r) => r.status === 429).length;
	return [refused(requests.slice(0, waveSize)), refused(requests.slice(waveSize))];
}

/** Resolves once `server` has received a request to `route` (a test then cancels mid-request). */
export async function untilRequested(server: ContractServer, route: string): Promise<void> {
	while (server.requestsTo(route).length === 0)
		await new Promise((resolve) => setTimeout(resolve, 20));
}
