import type { ExecutionError, INodeExecutionData } from 'n8n-workflow';

import type { ContractServer } from './servers/contractServer';

/** Recognisable keys so the secret scans can search for them everywhere. */
export const SECRET_KEYS = {
	novita: 'sk_novita_SECRET_7f3a9c1e5b',
	freepik: 'FPSX_SECRET_d41d8cd98f00',
	openai: 'sk-proj-SECRET-0123456789abcdef',
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

/** Everything a run produced, serialised, for "the key never appears" checks. */
export function serialise(items: INodeExecutionData[], error?: ExecutionError): string {
	const parts = [JSON.stringify(items)];
	if (error) {
		const e = error as unknown as Record<string, unknown>;
		parts.push(JSON.stringify(error), String(e.message), String(e.description), JSON.stringify(e.context));
		let cause = e.cause as Record<string, unknown> | undefined;
		for (let depth = 0; cause && depth < 5; depth++) {
			parts.push(JSON.stringify(cause, Object.getOwnPropertyNames(cause)));
			cause = cause.cause as Record<string, unknown> | undefined;
		}
	}
	return parts.join('\n');
}

export function gaps(times: number[]): number[] {
	return times.slice(1).map((t, i) => t - times[i]);
}
