// n8n in queue mode, as teams run it: Redis, Postgres, one main (`n8n start`, enqueues executions and
// serves webhooks and the REST API) and workers (`n8n worker`, run them). Every process has its own
// user folder with the packed package installed, as n8n installs community packages.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { RunningN8n } from '../realN8n';
import {
	importIntoN8n,
	n8nEnv,
	ownerSession,
	prepareUserFolder,
	runCli,
	spawnN8n,
	startN8n,
} from '../realN8n';
import type { Service } from './services';
import { freePort } from '../ports';
import { startPostgres, startRedis } from './services';

export type BinaryMode = 'database' | 'filesystem' | 'default';

export interface ClusterOptions {
	binaryMode: BinaryMode;
	workers: number;
	/** Executions each worker runs at once (`n8n worker --concurrency`). */
	workerConcurrency: number;
	credentials: object[];
	workflows: Array<{ id: string }>;
	/** Workflows to activate (their webhooks registered) before main starts. */
	activate: string[];
	/** More environment for every process. */
	env?: Record<string, string>;
	/**
	 * Starts a webhook processor (`n8n webhook`) as well: production and waiting webhooks go to it
	 * (every process's WEBHOOK_URL names it), as teams scale the webhooks apart from main.
	 */
	webhookProcessor?: boolean;
}

export interface QueueCluster {
	main: RunningN8n;
	workers: RunningN8n[];
	/** The webhook processor, when asked for. */
	webhook?: RunningN8n;
	/** Where webhooks are called: the webhook processor's URL, or main's. */
	webhookUrl: string;
	postgres: Service;
	/** The owner's session cookie for main's REST API. */
	cookie: string;
	/** Starts worker `index` again (after it was stopped or killed). */
	restartWorker(index: number): Promise<RunningN8n>;
	stop(): Promise<void>;
}

function queueEnv(
	folder: string,
	services: { redis: number; postgres: number },
	options: ClusterOptions,
	storage: string,
): NodeJS.ProcessEnv {
	return n8nEnv(folder, {
		EXECUTIONS_MODE: 'queue',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(services.redis),
		// A killed worker's jobs count as stalled after this long (n8n's default is 30 s).
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(services.postgres),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		N8N_DEFAULT_BINARY_DATA_MODE: options.binaryMode,
		// filesystem mode works in queue mode only with one storage folder for main and workers.
		...(options.binaryMode === 'filesystem' ? { N8N_STORAGE_PATH: storage } : {}),
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		...options.env,
	});
}

export async function startQueueCluster(options: ClusterOptions): Promise<QueueCluster> {
	const root = mkdtempSync(join(tmpdir(), 'n8n-queue-'));
	const storage = join(root, 'storage');
	mkdirSync(storage);
	const started: Array<{ stop(): Promise<void> }> = [];
	const stopAll = async () => {
		for (const service of started.reverse()) await service.stop().catch(() => undefined);
		rmSync(root, { recursive: true, force: true });
	};
	try {
		const redis = await startRedis();
		started.push(redis);
		const postgres = await startPostgres();
		started.push(postgres);
		const ports = { redis: redis.port, postgres: postgres.port };
		const envFor = (name: string) => {
			const folder = join(root, name);
			prepareUserFolder(folder);
			// Each process's own ports (task broker, health check) are picked free when it starts.
			return queueEnv(folder, ports, options, storage);
		};

		// Every process builds resume URLs and webhook URLs from WEBHOOK_URL.
		const port = await freePort();
		const webhookPort = options.webhookProcessor ? await freePort() : port;
		const webhookUrl = `http://localhost:${webhookPort}`;
		const withWebhookUrl = (env: NodeJS.ProcessEnv) => ({ ...env, WEBHOOK_URL: `${webhookUrl}/` });
		const mainEnv = withWebhookUrl(envFor('main'));
		await importIntoN8n(mainEnv, options.credentials, options.workflows);
		for (const id of options.activate) {
			const result = await runCli(['publish:workflow', `--id=${id}`], mainEnv);
			if (result.code !== 0)
				throw new Error(`publish:workflow ${id} failed:\n${result.stdout}\n${result.stderr}`);
		}
		const main = await startN8n(mainEnv, port);
		started.push(main);
		let webhook: RunningN8n | undefined;
		if (options.webhookProcessor) {
			webhook = await spawnN8n(
				['webhook'],
				{
					...withWebhookUrl(envFor('webhook')),
					N8N_PORT: String(webhookPort),
					N8N_LISTEN_ADDRESS: '127.0.0.1',
				},
				'Webhook listener waiting for requests',
				{ url: webhookUrl },
			);
			started.push(webhook);
		}

		const workerEnvs = Array.from({ length: options.workers }, (_, i) =>
			withWebhookUrl(envFor(`worker-${i}`)),
		);
		const startWorker = async (index: number) =>
			await spawnN8n(
				['worker', `--concurrency=${options.workerConcurrency}`],
				workerEnvs[index],
				'n8n worker is now ready',
			);
		const workers: RunningN8n[] = [];
		for (let i = 0; i < options.workers; i++) {
			workers.push(await startWorker(i));
			started.push({ stop: async () => await workers[i].stop() });
		}
		return {
			main,
			workers,
			webhook,
			webhookUrl,
			postgres,
			cookie: await ownerSession(main.url),
			async restartWorker(index) {
				workers[index] = await startWorker(index);
				return workers[index];
			},
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}
