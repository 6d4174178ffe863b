// The Novita contract server in a process of its own, so that its work (parsing and decoding the
// uploads, making answer images) runs beside the node instead of taking turns with it on one
// event loop: timings then describe the node. Driven over IPC by RemoteNovita.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

import { NovitaServer } from '../test/servers/novitaServer';

export interface NovitaSettings {
	latencyMs?: number;
	maxConcurrent?: number;
	limitRetryAfter?: string;
	recordBodies?: boolean;
}

type Command = { kind: 'set'; settings: NovitaSettings } | { kind: 'charges' } | { kind: 'stop' };
type Request = Command & { id: number };

/** The parent's handle: same base URL and key as the server, settings changed over IPC. */
export class RemoteNovita {
	baseUrl = '';
	readonly apiKey = new NovitaServer().apiKey;
	private child?: ChildProcess;
	private nextId = 0;

	async start(): Promise<void> {
		this.child = fork(__filename, [], {
			execArgv: ['-r', require.resolve('../scripts/ts-register.js')],
		});
		this.baseUrl = await new Promise<string>((resolve, reject) => {
			this.child!.once('message', (message) => resolve((message as { baseUrl: string }).baseUrl));
			this.child!.once('error', reject);
		});
	}

	async set(settings: NovitaSettings): Promise<void> {
		await this.call({ kind: 'set', settings });
	}

	/** The paid requests the server took since the last `set` (a POST it answered with 2xx). */
	async charges(): Promise<number> {
		return (await this.call({ kind: 'charges' })) ?? 0;
	}

	async stop(): Promise<void> {
		await this.call({ kind: 'stop' });
	}

	private call(request: Command): Promise<number | undefined> {
		const id = this.nextId++;
		return new Promise((resolve) => {
			const onMessage = (message: { id?: number; value?: number }) => {
				if (message.id !== id) return;
				this.child!.off('message', onMessage);
				resolve(message.value);
			};
			this.child!.on('message', onMessage);
			this.child!.send({ ...request, id });
		});
	}
}

async function serve() {
	const server = new NovitaServer();
	await server.start();
	process.send!({ baseUrl: server.baseUrl });
	process.on('disconnect', () => process.exit(0));
	process.on('message', async (request: Request) => {
		if (request.kind === 'set') {
			server.requests.length = 0;
			server.charges.length = 0;
			Object.assign(server, request.settings);
			process.send!({ id: request.id });
		} else if (request.kind === 'charges') {
			process.send!({ id: request.id, value: server.charges.length });
		} else {
			await server.stop();
			process.send!({ id: request.id }, () => process.exit(0));
		}
	});
}

if (require.main === module) void serve();
