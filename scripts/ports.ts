// Free ports for everything the suites start (n8n, its task broker and runners, Redis, PostgreSQL,
// the vendor sandboxes), so that they pass beside an n8n already running on this machine, such as
// `npm run dev` (editor on 5678, task broker on 5679).
import type { Server } from 'node:net';
import { createServer } from 'node:net';

/**
 * Every variable naming a port an n8n process may listen on: those of n8n's own config (@n8n/config
 * of 2.8.4 and 2.41.1, and @n8n/task-runner's) that a process of n8n binds. Measured with
 * `ss -ltnp`: `n8n start` listens on N8N_PORT and on the task broker's port, on 2.8.4 and 2.41.1
 * alike; `execute` and `worker` start a task broker too; a worker with QUEUE_HEALTH_CHECK_ACTIVE
 * adds its health check, a task runner with N8N_RUNNERS_HEALTH_CHECK_SERVER_ENABLED its own, and
 * 2.41's engine-v2 module (off by default) a data and a control plane. Their defaults: 5678, 5679,
 * 5678, 5681, 3000 and 3001.
 */
export const N8N_PORT_VARIABLES = [
	'N8N_PORT',
	'N8N_RUNNERS_BROKER_PORT',
	'QUEUE_HEALTH_CHECK_PORT',
	'N8N_RUNNERS_HEALTH_CHECK_SERVER_PORT',
	'N8N_ENGINE_PORT',
	'N8N_ENGINE_CONTROL_PLANE_PORT',
] as const;

const listen = async (server: Server) =>
	await new Promise<number>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
	});

/** `count` distinct ports nobody listens on right now: all are held open until every one is picked. */
export async function freePorts(count: number): Promise<number[]> {
	const servers = Array.from({ length: count }, () => createServer());
	try {
		const ports: number[] = [];
		for (const server of servers) ports.push(await listen(server));
		return ports;
	} finally {
		await Promise.all(
			servers.map(
				async (server) =>
					await new Promise<void>((resolve) =>
						server.listening ? server.close(() => resolve()) : resolve(),
					),
			),
		);
	}
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
	return (await freePorts(1))[0];
}

/** `env` with a free port in every n8n port variable it does not set itself. */
export async function withFreePorts(env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
	const unset = N8N_PORT_VARIABLES.filter((name) => !env[name]);
	const ports = await freePorts(unset.length);
	return { ...env, ...Object.fromEntries(unset.map((name, i) => [name, String(ports[i])])) };
}
