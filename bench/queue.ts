// `npm run bench:queue`: P6 and P7 of issue #19, in n8n queue mode (Redis, Postgres, main and
// workers; scripts/queue/). P6: 100 executions of one item each, through a Webhook, against the
// sandbox at 200 ms latency, with 1 worker and with 2 (each worker runs 2 executions at a time, so
// the workers' slots are the bottleneck, not the 2 cores). P7: peak RSS of each worker while 50 and
// then 200 items of 5 MB run in database binary mode, side by side in one run.
import { readFileSync } from 'node:fs';

import type { QueueCluster } from '../scripts/queue/cluster';
import { startQueueCluster } from '../scripts/queue/cluster';
import { batchWorkflow } from '../scripts/queue/workflows';
import { sandboxExamples, startSandbox } from '../scripts/sandbox';
import { makePng } from '../test/fixtures/images';

const MB = 1024 * 1024;

function rssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
	return kb / 1024;
}

async function runBatches(
	cluster: QueueCluster,
	url: string,
	executions: number,
	itemsEach: number,
	parallel: number,
): Promise<number> {
	let next = 0;
	let failed = 0;
	const client = async () => {
		while (next < executions) {
			next++;
			const response = await fetch(`${cluster.main.url}/webhook/bench`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ items: Array.from({ length: itemsEach }, () => ({ url })) }),
				signal: AbortSignal.timeout(120_000),
			}).catch(() => undefined);
			if (response?.status !== 200) failed++;
			await response?.arrayBuffer();
		}
	};
	await Promise.all(Array.from({ length: parallel }, client));
	return failed;
}

const rows: string[] = [];
function row(...cells: Array<string | number>) {
	const line = `| ${cells.join(' | ')} |`;
	rows.push(line);
	console.log(line);
}

async function main() {
	const sandbox = await startSandbox();
	const examples = sandboxExamples(sandbox.sampleImageUrl, sandbox.sampleMaskUrl);
	const ours = examples
		.find((w) => w.id === 'example-novita-reimagine-classic')!
		.nodes.find((n) => n.type.startsWith('n8n-nodes-ai-image.'))!;
	const wf = batchWorkflow('bench-queue', 'bench', ours, 'noData');
	const base = {
		binaryMode: 'database' as const,
		credentials: sandbox.credentials(),
		workflows: [wf],
		activate: [wf.id],
	};
	try {
		// P6: 1 worker vs 2 workers, 2 execution slots each, 200 ms vendor latency.
		sandbox.novita.recordBodies = false;
		const seconds: Record<number, number> = {};
		for (const workers of [1, 2]) {
			const cluster = await startQueueCluster({ ...base, workers, workerConcurrency: 2 });
			try {
				await runBatches(cluster, sandbox.sampleImageUrl, 4, 1, 4); // warm-up
				sandbox.novita.latencyMs = 200;
				const started = performance.now();
				const failed = await runBatches(cluster, sandbox.sampleImageUrl, 100, 1, 16);
				seconds[workers] = (performance.now() - started) / 1000;
				sandbox.novita.latencyMs = 0;
				console.log(`P6 ${workers} worker(s): ${seconds[workers].toFixed(2)} s, ${failed} failed`);
				if (failed) throw new Error(`P6: ${failed} executions failed`);
			} finally {
				sandbox.novita.latencyMs = 0;
				await cluster.stop();
			}
		}
		row(
			'P6 queue throughput',
			'100 executions × 1 item, 200 ms latency, 2 slots per worker: 1 worker',
			`${seconds[1].toFixed(2)} s`,
			'—',
			'—',
			'',
		);
		row(
			'P6 queue throughput',
			'the same with 2 workers',
			`${seconds[2].toFixed(2)} s`,
			`1 worker ${seconds[1].toFixed(2)} s`,
			`${(seconds[1] / seconds[2]).toFixed(2)} × throughput`,
			'≥ 1.70 ×',
		);

		// P7: worker RSS with 5 MB images in database mode, 50 then 200 items, in one cluster.
		sandbox.novita.assets.set('five.png', {
			body: makePng(64, 64, 7, 5 * MB),
			contentType: 'image/png',
		});
		const fiveMb = `${sandbox.novita.baseUrl}/assets/five.png`;
		const cluster = await startQueueCluster({ ...base, workers: 2, workerConcurrency: 5 });
		try {
			await runBatches(cluster, fiveMb, 4, 5, 2); // warm-up: 20 items
			const peaks: Record<number, number[]> = {};
			for (const items of [50, 200]) {
				const pids = cluster.workers.map((w) => w.process.pid!);
				const peak = pids.map((pid) => rssMb(pid));
				const sampler = setInterval(
					() => pids.forEach((pid, i) => (peak[i] = Math.max(peak[i], rssMb(pid)))),
					20,
				);
				const failed = await runBatches(cluster, fiveMb, items / 5, 5, 4);
				clearInterval(sampler);
				if (failed) throw new Error(`P7: ${failed} executions failed`);
				peaks[items] = peak;
				console.log(
					`P7 ${items} items: worker peaks ${peak.map((p) => p.toFixed(0)).join(', ')} MB`,
				);
			}
			const max = (items: number) => Math.max(...peaks[items]);
			row(
				'P7 queue worker memory',
				'50 items × 5 MB (10 executions × 5), database mode: peak RSS of each worker',
				`${peaks[50].map((p) => p.toFixed(0)).join(' / ')} MB`,
				'—',
				'—',
				'',
			);
			row(
				'P7 queue worker memory',
				'then 200 items × 5 MB (40 executions × 5)',
				`${peaks[200].map((p) => p.toFixed(0)).join(' / ')} MB`,
				`50 items ${max(50).toFixed(0)} MB`,
				(max(200) / max(50)).toFixed(2),
				'≤ 1.20',
			);
		} finally {
			await cluster.stop();
		}
	} finally {
		await sandbox.stop();
	}
	console.log(
		'\n| scenario | subject | figure | reference | ratio | target |\n| --- | --- | --- | --- | --- | --- |',
	);
	for (const line of rows) console.log(line);
	process.exit(0);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
