// The nodes in n8n queue mode, as teams run it at scale: Redis and Postgres started here
// from Debian's packages, the pinned n8n as main plus two workers, each with the packed package
// installed, and the sandbox contract servers. Workflows start the way production ones do: a
// Webhook receiving an image, and a Webhook receiving a batch of image URLs. Per binary data mode:
// every execution succeeds on a worker, the images are the ones the vendor returned, and main serves
// the executions and their binary data afterwards.
import { createHash } from 'node:crypto';
import { parse } from 'flatted';

import type { BinaryMode, QueueCluster } from '../../scripts/queue/cluster';
import { startQueueCluster } from '../../scripts/queue/cluster';
import type { WorkflowNode } from '../../scripts/queue/workflows';
import {
	batchWorkflow,
	scheduledBatchWorkflow,
	singleImageWorkflow,
	magnificNode,
	waitingBatchWorkflow,
} from '../../scripts/queue/workflows';
import { waitForExecutions } from '../../scripts/n8nRest';
import type { ExampleWorkflow, Sandbox } from '../../scripts/sandbox';
import { sandboxExamples, startSandbox } from '../../scripts/sandbox';
import { fixtures } from '../fixtures/images';
import type { RecordedRequest } from '../servers/contractServer';
import { ContractServer } from '../servers/contractServer';
import type { NodeEntry } from '../vendors';
import { NODES } from '../vendors';

const PACKAGE_PREFIX = 'n8n-nodes-ai-image.';
let sandbox: Sandbox;
let examples: ExampleWorkflow[];

beforeAll(async () => {
	sandbox = await startSandbox();
	examples = sandboxExamples(sandbox.sampleImageUrl, sandbox.sampleMaskUrl);
});

afterAll(async () => {
	await sandbox?.stop();
});

/** The example's node of ours, taking its image from binary `data`; tasks polled every 0.2 s. */
function nodeOf(entry: NodeEntry) {
	const example = examples.find((w) => w.id === `example-${entry.example.replace(/\.json$/, '')}`)!;
	const node = JSON.parse(
		JSON.stringify(example.nodes.find((n) => n.type.startsWith(PACKAGE_PREFIX))),
	) as WorkflowNode;
	const polls = entry.answers === 'task' || entry.vendor === 'freepik';
	node.parameters = {
		...node.parameters,
		inputSource: 'binary',
		binaryPropertyName: 'data',
		// The example's own options stay (the custom-size example's Upload As Multipart).
		options: {
			...(node.parameters.options as object),
			...(polls ? { pollIntervalSeconds: 0.2 } : {}),
		},
		// One image per input item, so that items in and images out can be counted alike.
		...(entry.vendor === 'openai' ? { n: 1 } : {}),
	};
	// The examples' further images and mask come from binary fields their own "Read …" nodes fill;
	// a Webhook brings one image, so the registry entry's (given as base64) take their place.
	for (const key of ['additionalImages', 'maskSource', 'maskBinaryPropertyName', 'maskBase64']) {
		if (key in entry.parameters) node.parameters[key] = entry.parameters[key];
		else delete node.parameters[key];
	}
	return node;
}

const singleWorkflow = (entry: NodeEntry) =>
	singleImageWorkflow(`qs-${entry.id}`, `single-${entry.id}`, nodeOf(entry));
const batchOfThree = (entry: NodeEntry) =>
	batchWorkflow(`qb-${entry.id}`, `batch-${entry.id}`, nodeOf(entry));

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every image the sandbox handed out: base64 in JSON answers, and files downloaded. */
function servedImages(): Set<string> {
	const hashes = new Set<string>();
	const add = (base64: unknown) => {
		if (typeof base64 === 'string' && base64) hashes.add(sha(Buffer.from(base64, 'base64')));
	};
	const all: RecordedRequest[] = [
		...sandbox.novita.requests,
		...sandbox.freepik.requests,
		...sandbox.openai.requests,
	];
	for (const request of all) {
		if (!request.answer || request.status !== 200) continue;
		if (ContractServer.isFileRoute(request.path) && request.path.startsWith('/files/')) {
			hashes.add(sha(request.answer));
			continue;
		}
		try {
			const answer = JSON.parse(request.answer.toString('utf8')) as {
				image_file?: string;
				data?: Array<{ b64_json?: string }>;
			};
			add(answer.image_file);
			for (const entry of Array.isArray(answer.data) ? answer.data : []) add(entry.b64_json);
		} catch {
			// not JSON: not an image answer
		}
	}
	return hashes;
}

interface Execution {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
}

async function rest<T>(cluster: QueueCluster, path: string): Promise<T> {
	const response = await fetch(`${cluster.main.url}/rest${path}`, {
		headers: { cookie: cluster.cookie },
	});
	if (!response.ok) throw new Error(`GET /rest${path}: HTTP ${response.status}`);
	return ((await response.json()) as { data: T }).data;
}

async function executions(cluster: QueueCluster): Promise<Execution[]> {
	const data = await rest<{ results: Execution[] }>(cluster, '/executions?limit=500');
	return data.results;
}

/** The error an execution ended with, as main stores it (for failure messages). */
async function executionError(cluster: QueueCluster, executionId: string): Promise<string> {
	const execution = await rest<{ data: string }>(cluster, `/executions/${executionId}`);
	const { resultData } = parse(execution.data) as {
		resultData: { error?: { message?: string; description?: string }; lastNodeExecuted?: string };
	};
	return `${resultData.lastNodeExecuted ?? '?'}: ${resultData.error?.message ?? 'no error'} ${resultData.error?.description ?? ''}`;
}

/** Our node's output binaries in an execution, read back from main (the run data and the bytes). */
async function outputBinaries(cluster: QueueCluster, executionId: string) {
	const execution = await rest<{ data: string }>(cluster, `/executions/${executionId}`);
	const runData = (
		parse(execution.data) as {
			resultData: { runData: Record<string, Array<{ data?: { main: unknown[][] } }>> };
		}
	).resultData.runData;
	const binaries: Array<{ id?: string; data?: string; mimeType: string; fileName?: string }> = [];
	for (const [name, runs] of Object.entries(runData)) {
		if (['Webhook', 'Split Out', 'Read Image'].includes(name)) continue;
		for (const item of (runs[0]?.data?.main[0] ?? []) as Array<{
			binary?: Record<string, { id?: string; data?: string; mimeType: string; fileName?: string }>;
		}>)
			if (item.binary?.data) binaries.push(item.binary.data);
	}
	return await Promise.all(
		binaries.map(async (binary) => {
			// In-memory mode keeps the bytes in the run data itself, as base64.
			if (!binary.id)
				return { ...binary, bytes: Buffer.from(binary.data ?? '', 'base64'), status: 200 };
			const response = await fetch(
				`${cluster.main.url}/rest/binary-data?id=${encodeURIComponent(binary.id)}&action=view`,
				{ headers: { cookie: cluster.cookie } },
			);
			return {
				...binary,
				bytes: Buffer.from(await response.arrayBuffer()),
				status: response.status,
			};
		}),
	);
}

async function post(
	cluster: QueueCluster,
	path: string,
	body: Buffer | object,
	type: string,
	timeoutMs = 60_000,
) {
	const response = await fetch(`${cluster.main.url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': type },
		body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
		signal: AbortSignal.timeout(timeoutMs),
	});
	return {
		status: response.status,
		items: (await response.json()) as Array<Record<string, unknown>>,
	};
}

/**
 * The type each example's node outputs: its Output Image Type (WEBP in the Replace Background
 * examples), JPEG where the model takes none (Kontext Pro, Seedream 4.5), PNG otherwise.
 */
const MIME_BY_EXAMPLE: Record<string, string> = {
	'novita-replace-background.json': 'image/webp',
	'novita-replace-background-classic.json': 'image/webp',
	'novita-reimagine-kontext.json': 'image/jpeg',
	'novita-replace-background-seedream.json': 'image/jpeg',
	'openai-image-variation-custom-size.json': 'image/webp',
};
const expectedMime = (entry: NodeEntry) => MIME_BY_EXAMPLE[entry.example] ?? 'image/png';

/** The runs of one binary data mode: each node once from a Webhook, and a batch of three. */
async function runMode(
	mode: BinaryMode,
	entries: NodeEntry[],
	batchOf: NodeEntry[],
	scheduled?: NodeEntry,
) {
	sandbox.novita.assets.set('batch.json', {
		body: JSON.stringify({ items: [1, 2, 3].map(() => ({ url: sandbox.sampleImageUrl })) }),
		contentType: 'application/json',
	});
	const schedule = scheduled
		? [
				scheduledBatchWorkflow(
					'qsched',
					`${sandbox.novita.baseUrl}/assets/batch.json`,
					nodeOf(scheduled),
					5,
				),
			]
		: [];
	const workflows = [...entries.map(singleWorkflow), ...batchOf.map(batchOfThree), ...schedule];
	const cluster = await startQueueCluster({
		binaryMode: mode,
		workers: 2,
		workerConcurrency: 5,
		credentials: sandbox.credentials(),
		workflows,
		activate: workflows.map((w) => w.id),
	});
	try {
		for (const entry of entries) {
			const answer = await post(cluster, `single-${entry.id}`, fixtures.squarePng, 'image/png');
			expect([entry.id, answer.status]).toEqual([entry.id, 200]);
			expect(answer.items).toHaveLength(1);
			expect(answer.items[0].mimeType).toBe(expectedMime(entry));
		}
		for (const entry of batchOf) {
			const items = [1, 2, 3].map(() => ({ url: sandbox.sampleImageUrl }));
			const answer = await post(cluster, `batch-${entry.id}`, { items }, 'application/json');
			expect([entry.id, answer.status]).toEqual([entry.id, 200]);
			expect(answer.items).toHaveLength(3);
		}

		// A scheduled run: it fires on main every 5 s and runs on a worker, unattended.
		let all = await executions(cluster);
		for (
			let i = 0;
			scheduled &&
			i < 60 &&
			!all.some((run) => run.workflowId === 'qsched' && run.status === 'success');
			i++
		) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			all = await executions(cluster);
		}
		const scheduledRuns = all.filter(
			(run) => run.workflowId === 'qsched' && run.status !== 'running' && run.status !== 'new',
		);
		if (scheduled) {
			expect(scheduledRuns.length).toBeGreaterThan(0);
			expect(scheduledRuns.map((run) => [run.mode, run.status])).toEqual(
				scheduledRuns.map(() => ['trigger', 'success']),
			);
		}
		const runs = [...all.filter((run) => run.workflowId !== 'qsched'), ...scheduledRuns];
		expect(runs).toHaveLength(entries.length + batchOf.length + scheduledRuns.length);
		expect(runs.map((run) => run.status)).toEqual(runs.map(() => 'success'));
		// Each ran on a worker: main enqueued it, a worker finished it.
		const workerOutput = cluster.workers.map((worker) => worker.output()).join('\n');
		for (const run of runs) {
			expect(cluster.main.output()).toContain(`Enqueued execution ${run.id}`);
			expect(workerOutput).toMatch(new RegExp(`Worker finished execution ${run.id}\\b`));
		}
		// The images main serves are, byte for byte, ones the vendor returned.
		const served = servedImages();
		let images = 0;
		for (const run of runs) {
			for (const binary of await outputBinaries(cluster, run.id)) {
				images++;
				expect(binary.status).toBe(200);
				if (mode === 'database') expect(binary.id).toMatch(/^database:/);
				if (mode === 'filesystem') expect(binary.id).toMatch(/^filesystem/);
				if (mode === 'default') expect(binary.id).toBeUndefined();
				expect(served.has(sha(binary.bytes))).toBe(true);
			}
		}
		expect(images).toBe(entries.length + 3 * (batchOf.length + scheduledRuns.length));
		return cluster;
	} catch (error) {
		await cluster.stop();
		throw error;
	}
}

const byId = (...ids: string[]) => NODES.filter((node) => ids.includes(node.id));

describe('queue mode: main + 2 workers, Redis, Postgres', () => {
	it('database binary mode: every node from a Webhook image, batches, a scheduled batch, on workers', async () => {
		const cluster = await runMode(
			'database',
			NODES,
			byId('novitaReimagineQwen', 'openAiEdits', 'novitaReimagine'),
			byId('novitaReplaceBackgroundQwen')[0],
		);
		await cluster.stop();
	}, 600_000);

	it('in-memory (default) binary mode', async () => {
		const cluster = await runMode(
			'default',
			byId('novitaReimagineQwen', 'openAiVariations'),
			byId('novitaReimagineQwen'),
		);
		await cluster.stop();
	}, 600_000);

	it('filesystem binary mode with one shared storage folder', async () => {
		const cluster = await runMode(
			'filesystem',
			byId('novitaReimagineQwen', 'freepikReimagineFlux', 'openAiEdits'),
			byId('novitaReplaceBackground'),
		);
		await cluster.stop();
	}, 600_000);
});

// What n8n 2.8.4 does (measured): the jobs of a killed worker stall; once their lock runs out, main
// gives up on them ("job stalled more than maxStalledCount") and marks the executions as failed,
// without running them again; their webhook callers get HTTP 500 (with n8n's 60 s lock and a
// client timeout below it, no answer at all). The vendor saw each request
// once (no second bill). n8n's Retry of such an execution ends with the same error (measured, also
// with EXECUTIONS_DATA_SAVE_EXECUTION_PROGRESS): what is lost is the run, and n8n says so in it.
// Once (CI, 2026-12-07) one of them ended "crashed" instead: n8n's own recovery marked it before the
// stalled job was given up on; failed either way, never run again.
describe('queue mode: a worker killed mid-batch', () => {
	it('its executions end as failed (not running) with n8n’s reason, each sent to the vendor once', async () => {
		const entry = byId('novitaReimagine')[0];
		const workflow = singleWorkflow(entry);
		const cluster = await startQueueCluster({
			binaryMode: 'database',
			workers: 2,
			workerConcurrency: 3,
			credentials: sandbox.credentials(),
			workflows: [workflow],
			activate: [workflow.id],
			// A killed worker's lock runs out after 10 s instead of n8n's 60 s.
			env: {
				QUEUE_WORKER_LOCK_DURATION: '10000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
			},
		});
		const route = 'POST /v3/reimagine';
		try {
			sandbox.novita.latencyMs = 4000;
			const before = sandbox.novita.requestsTo(route).length;
			const answers = Array.from({ length: 6 }, async () => {
				try {
					const answer = await post(
						cluster,
						`single-${entry.id}`,
						fixtures.squarePng,
						'image/png',
						20_000,
					);
					return answer.status;
				} catch {
					return 'no answer';
				}
			});
			// All six are at the vendor, three on each worker: kill one worker, start it again.
			while (sandbox.novita.requestsTo(route).length - before < 6)
				await new Promise((resolve) => setTimeout(resolve, 100));
			const started = (
				cluster.workers[0].output().match(/Worker started execution \d+/g) ?? []
			).map((line) => line.split(' ').pop()!);
			expect(started).toHaveLength(3);
			cluster.workers[0].process.kill('SIGKILL');
			await cluster.restartWorker(0);
			sandbox.novita.latencyMs = 0;
			// The callers of the killed executions get HTTP 500 once main gives up on them.
			expect((await Promise.all(answers)).sort()).toEqual([200, 200, 200, 500, 500, 500]);

			let runs = await executions(cluster);
			for (let i = 0; i < 120 && runs.some((run) => run.status === 'running'); i++) {
				await new Promise((resolve) => setTimeout(resolve, 500));
				runs = await executions(cluster);
			}
			const status = Object.fromEntries(runs.map((run) => [run.id, run.status]));
			for (const run of runs)
				expect([run.id, status[run.id]]).toEqual([
					run.id,
					started.includes(run.id) ? expect.stringMatching(/^(error|crashed)$/) : 'success',
				]);
			expect(cluster.main.output()).toContain('job stalled more than maxStalledCount');
			// Each execution reached the vendor once: none was run again behind the user's back.
			expect(sandbox.novita.requestsTo(route).length - before).toBe(6);

			// Main tells why, in the execution a user reads (a crashed one says so by its status).
			for (const id of started.filter((one) => status[one] === 'error'))
				expect(await executionError(cluster, id)).toMatch(
					/This execution failed to be processed too many times and will no longer retry/,
				);
		} finally {
			sandbox.novita.latencyMs = 0;
			await cluster.stop();
		}
	}, 600_000);
});

// Completion "Wait for Webhook" as teams scale it: the webhook processor (`n8n webhook`) takes the
// batch's trigger and Magnific's callbacks, a worker runs the execution until it waits and again
// once the last callback resumed it; nothing holds a worker in between.
describe('queue mode: Wait for Webhook with a webhook processor', () => {
	it('a batch of five waits without a worker and resumes once with its five images', async () => {
		const node = magnificNode('webhook', { model: 'nanoBananaPro' });
		const workflow = waitingBatchWorkflow('qwait', 'qwait', node);
		const cluster = await startQueueCluster({
			binaryMode: 'database',
			workers: 1,
			workerConcurrency: 5,
			credentials: sandbox.credentials(),
			workflows: [workflow],
			activate: [workflow.id],
			webhookProcessor: true,
		});
		try {
			sandbox.freepik.reset();
			sandbox.freepik.callbackAfterMs = 3000;
			sandbox.freepik.callbackSpreadMs = 300;
			const items = Array.from({ length: 5 }, () => ({ url: sandbox.sampleImageUrl }));
			const response = await fetch(`${cluster.webhookUrl}/webhook/qwait`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ items }),
			});
			expect(response.status).toBe(200);
			const [waiting] = await waitForExecutions(cluster.main.url, cluster.cookie, 'qwait', (runs) =>
				runs.some((run) => run.status === 'waiting'),
			);
			// Waiting, the execution holds no worker: the worker finished its first part.
			expect(cluster.workers[0].output()).toMatch(
				new RegExp(`Worker finished execution ${waiting.id}\\b`),
			);
			const [done] = await waitForExecutions(cluster.main.url, cluster.cookie, 'qwait', (runs) =>
				runs.some((run) => run.id === waiting.id && run.status === 'success'),
			);
			expect(done.status).toBe('success');
			// The callbacks went to the webhook processor; the last one resumed the execution once.
			const callbacks = sandbox.freepik.callbacks;
			expect(callbacks).toHaveLength(5);
			expect(
				callbacks.every((c) => c.url.startsWith(`${cluster.webhookUrl}/webhook-waiting/`)),
			).toBe(true);
			expect(callbacks.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
			const started = cluster.workers[0]
				.output()
				.match(new RegExp(`Worker started execution ${waiting.id}\\b`, 'g'));
			expect(started).toHaveLength(2);
			const binaries = await outputBinaries(cluster, waiting.id);
			expect(binaries).toHaveLength(5);
			const served = servedImages();
			for (const binary of binaries) {
				expect(binary.status).toBe(200);
				expect(binary.id).toMatch(/^database:/);
				expect(served.has(sha(binary.bytes))).toBe(true);
			}
		} finally {
			await cluster.stop();
		}
	}, 600_000);
});
