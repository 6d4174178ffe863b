// `npm run bench:callbacks`: P11 of issue #45, Completion "Wait for Webhook" against Poll, in n8n
// queue mode (Redis, Postgres, main, a webhook processor, 1 worker running 5 executions at once;
// scripts/queue/), the sandbox's Magnific taking 30 s for every task, the node at its defaults.
// P11a: one execution of 20 items: the seconds a worker is held per image (from the worker's own
// "started"/"finished" lines, read every 50 ms). P11b: 100 executions of one item each submitted at
// once: images per minute. Poll's rate is measured over its first 150 s (it is steady: 5 slots ×
// one 30-s task), not over the 10 minutes its 100 tasks take.
import type { QueueCluster } from '../scripts/queue/cluster';
import { startQueueCluster } from '../scripts/queue/cluster';
import { magnificNode, waitingBatchWorkflow } from '../scripts/queue/workflows';
import { listExecutions } from '../scripts/n8nRest';
import type { Sandbox } from '../scripts/sandbox';
import { startSandbox } from '../scripts/sandbox';

const TASK_MS = 30_000;
type Completion = 'poll' | 'webhook';

/** Seconds the worker spent on executions, from its "started"/"finished" lines as they appear. */
function workerClock(cluster: QueueCluster) {
	const worker = cluster.workers[0];
	const startedAt = new Map<string, number>();
	let busyMs = 0;
	let seen = 0;
	const timer = setInterval(() => {
		const text = worker.output();
		const fresh = text.slice(seen);
		seen = text.length;
		const now = performance.now();
		for (const match of fresh.matchAll(/Worker (started|finished) execution (\d+)/g)) {
			if (match[1] === 'started') startedAt.set(match[2], now);
			else {
				busyMs += now - (startedAt.get(match[2]) ?? now);
				startedAt.delete(match[2]);
			}
		}
	}, 50);
	return {
		stop() {
			clearInterval(timer);
			return busyMs / 1000;
		},
	};
}

async function submit(cluster: QueueCluster, path: string, items: number, url: string) {
	const response = await fetch(`${cluster.webhookUrl}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items: Array.from({ length: items }, () => ({ url })) }),
	});
	if (response.status !== 200) throw new Error(`POST /webhook/${path}: HTTP ${response.status}`);
	await response.arrayBuffer();
}

async function finished(cluster: QueueCluster, workflowId: string): Promise<number> {
	const runs = (await listExecutions(cluster.main.url, cluster.cookie)).filter(
		(run) => run.workflowId === workflowId,
	);
	const failed = runs.filter((run) => run.status === 'error' || run.status === 'crashed');
	if (failed.length) throw new Error(`${failed.length} executions of ${workflowId} failed`);
	return runs.filter((run) => run.status === 'success').length;
}

async function until(check: () => Promise<boolean>, timeoutMs: number) {
	const started = performance.now();
	while (!(await check())) {
		if (performance.now() - started > timeoutMs) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

async function measure(sandbox: Sandbox, completion: Completion) {
	const batch = waitingBatchWorkflow(
		`p11a-${completion}`,
		`p11a-${completion}`,
		magnificNode(completion),
	);
	const single = waitingBatchWorkflow(
		`p11b-${completion}`,
		`p11b-${completion}`,
		magnificNode(completion),
	);
	const cluster = await startQueueCluster({
		binaryMode: 'database',
		workers: 1,
		workerConcurrency: 5,
		credentials: sandbox.credentials(),
		workflows: [batch, single],
		activate: [batch.id, single.id],
		webhookProcessor: true,
	});
	try {
		sandbox.freepik.reset();
		sandbox.freepik.recordBodies = false;
		sandbox.freepik.modelBehaviour.completeAfterMs = TASK_MS;
		sandbox.freepik.callbackAfterMs = TASK_MS;

		// P11a: 20 items in one execution.
		let clock = workerClock(cluster);
		const startedA = performance.now();
		await submit(cluster, batch.id, 20, sandbox.sampleImageUrl);
		await until(async () => (await finished(cluster, batch.id)) === 1, 600_000);
		const wallA = (performance.now() - startedA) / 1000;
		await new Promise((resolve) => setTimeout(resolve, 200));
		const heldA = clock.stop();

		// P11b: 100 executions of one item, all submitted at once.
		clock = workerClock(cluster);
		const startedB = performance.now();
		await Promise.all(
			Array.from(
				{ length: 100 },
				async () => await submit(cluster, single.id, 1, sandbox.sampleImageUrl),
			),
		);
		const windowMs = completion === 'poll' ? 150_000 : 600_000;
		await until(
			async () =>
				(await finished(cluster, single.id)) === 100 || performance.now() - startedB > windowMs,
			windowMs + 60_000,
		);
		const images = await finished(cluster, single.id);
		const minutes = (performance.now() - startedB) / 60_000;
		const heldB = clock.stop();
		return {
			heldA,
			wallA,
			perImageA: heldA / 20,
			images,
			minutes,
			perMinute: images / minutes,
			heldB,
		};
	} finally {
		await cluster.stop();
	}
}

async function main() {
	const sandbox = await startSandbox();
	try {
		const poll = await measure(sandbox, 'poll');
		console.log('poll', poll);
		const webhook = await measure(sandbox, 'webhook');
		console.log('webhook', webhook);
		console.log(
			'\n| scenario | subject | figure | reference | ratio | target |\n| --- | --- | --- | --- | --- | --- |',
		);
		console.log(
			`| P11 worker held | 20 items of 30-s tasks, one execution: worker-seconds per image, Wait for Webhook | ${webhook.perImageA.toFixed(2)} s (${webhook.heldA.toFixed(1)} s held, ${webhook.wallA.toFixed(1)} s wall) | Poll ${poll.perImageA.toFixed(2)} s (${poll.heldA.toFixed(1)} s held, ${poll.wallA.toFixed(1)} s wall) | ${((100 * webhook.perImageA) / poll.perImageA).toFixed(1)} % | ≤ 5 % |`,
		);
		console.log(
			`| P11 images per minute | 100 executions × 1 item of 30-s tasks, 1 worker × 5 slots, Wait for Webhook | ${webhook.perMinute.toFixed(1)} /min (${webhook.images} in ${webhook.minutes.toFixed(2)} min) | Poll ${poll.perMinute.toFixed(1)} /min (${poll.images} in its first ${poll.minutes.toFixed(2)} min) | ${(webhook.perMinute / poll.perMinute).toFixed(1)} × | ≥ 5 × |`,
		);
	} finally {
		await sandbox.stop();
	}
	process.exit(0);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
