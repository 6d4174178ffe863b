// Completion "Wait for Webhook" in a real n8n (`n8n start`, SQLite, the packed package installed as
// n8n installs it) on the n8n of N8N_RUNTIME: the Freepik node submits a batch's tasks with the
// execution's resume URL, n8n stores the execution as waiting, and the sandbox's Magnific calls
// back, signed, as each task ends. One resume for the whole batch with every image; a forged
// callback refused; n8n restarted while waiting; Max Wait with no callback at all.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { StoredItem } from '../../scripts/n8nRest';
import {
	binaryBytes,
	listExecutions,
	storedExecution,
	waitForExecutions,
} from '../../scripts/n8nRest';
import { freePort } from '../../scripts/ports';
import { magnificNode, waitingBatchWorkflow } from '../../scripts/queue/workflows';
import type { RunningN8n } from '../../scripts/realN8n';
import {
	importIntoN8n,
	n8nEnv,
	ownerSession,
	prepareUserFolder,
	runCli,
	selectedRuntime,
	startN8n,
} from '../../scripts/realN8n';
import type { Sandbox } from '../../scripts/sandbox';
import { startSandbox } from '../../scripts/sandbox';
import { asInstalled, installedCredentials, itFor } from './packageUnderTest';

const runtime = selectedRuntime();
const NODE_NAME = magnificNode('webhook').name;
let sandbox: Sandbox;
let root: string;
let env: NodeJS.ProcessEnv;
let port: number;
let n8n: RunningN8n | undefined;
let cookie: string;

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const WORKFLOWS = [
	waitingBatchWorkflow(
		'wr-batch',
		'wr-batch',
		magnificNode('webhook', { options: { maxWaitSeconds: 600 } }),
	),
	waitingBatchWorkflow(
		'wr-maxwait',
		'wr-maxwait',
		magnificNode('webhook', { options: { maxWaitSeconds: 1 } }),
	),
].map((workflow) => asInstalled(workflow));

async function activate(id: string) {
	// n8n 2 publishes a workflow; n8n 1 activates it.
	const args = runtime.n8nVersion.startsWith('1.')
		? ['update:workflow', `--id=${id}`, '--active=true']
		: ['publish:workflow', `--id=${id}`];
	const result = await runCli(args, env);
	if (result.code !== 0) throw new Error(`${args[0]} ${id}: ${result.stdout}\n${result.stderr}`);
}

async function start() {
	n8n = await startN8n(env, port);
	cookie = await ownerSession(n8n.url);
}

async function submitBatch(path: string, count: number) {
	const items = Array.from({ length: count }, () => ({ url: sandbox.sampleImageUrl }));
	const response = await fetch(`${n8n!.url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items }),
	});
	if (response.status !== 200)
		throw new Error(
			`POST /webhook/${path}: HTTP ${response.status} ${await response.text()}\n${n8n!.output().slice(-3000)}`,
		);
}

/** Submits a batch and returns its execution once n8n stored it as waiting. */
async function waitingAfter(path: string, count: number) {
	await submitBatch(path, count);
	const runs = await waitForExecutions(n8n!.url, cookie, path, (all) =>
		all.some((run) => run.status === 'waiting'),
	);
	return runs.find((run) => run.status === 'waiting')!;
}

/** The execution once it no longer waits (or runs). */
async function endOf(path: string, id: string, timeoutMs = 120_000) {
	const runs = await waitForExecutions(
		n8n!.url,
		cookie,
		path,
		(all) =>
			all.some((run) => run.id === id && !['waiting', 'running', 'new'].includes(run.status)),
		timeoutMs,
	);
	return runs.find((run) => run.id === id)!;
}

/** Our node's output in a stored execution, with each binary's bytes. */
async function nodeOutput(executionId: string) {
	const stored = await storedExecution(n8n!.url, cookie, executionId);
	const runs = stored.runData[NODE_NAME] ?? [];
	const items: StoredItem[] = runs[runs.length - 1]?.data?.main[0] ?? [];
	const bytes = await Promise.all(
		items.map(async (item) =>
			item.binary?.data ? await binaryBytes(n8n!.url, cookie, item.binary.data) : undefined,
		),
	);
	return { stored, runs, items, bytes };
}

/** The bytes the sandbox's Magnific served at a generated image's URL. */
function servedAt(url: unknown): Buffer | undefined {
	const path = new URL(String(url)).pathname;
	return sandbox.freepik.requests.find((request) => request.path === path && request.answer)
		?.answer;
}

beforeAll(async () => {
	sandbox = await startSandbox();
	root = mkdtempSync(join(tmpdir(), 'n8n-webhook-resume-'));
	const folder = join(root, 'n8n');
	prepareUserFolder(folder);
	port = await freePort();
	env = n8nEnv(folder, {
		WEBHOOK_URL: `http://localhost:${port}/`,
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
	});
	await importIntoN8n(env, installedCredentials(sandbox.credentials()), WORKFLOWS);
	for (const workflow of WORKFLOWS) await activate(workflow.id);
	await start();
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.stop();
	if (root) rmSync(root, { recursive: true, force: true });
});

beforeEach(() => sandbox.freepik.reset());

describe(`Completion "Wait for Webhook" on n8n ${runtime.n8nVersion}`, () => {
	itFor('freepik')(
		'five items wait once and resume once, with all five images',
		async () => {
			sandbox.freepik.callbackAfterMs = 1500;
			sandbox.freepik.callbackSpreadMs = 400;
			const before = (await listExecutions(n8n!.url, cookie).catch(() => [])).length;
			const waiting = await waitingAfter('wr-batch', 5);
			expect(waiting.status).toBe('waiting');
			const done = await endOf('wr-batch', waiting.id);
			expect(done.status).toBe('success');
			expect((await listExecutions(n8n!.url, cookie)).length).toBe(before + 1);

			const tasks = sandbox.freepik.modelTasks.map((task) => task.id);
			expect(tasks).toHaveLength(5);
			// Every task called back: one call resumed the execution (n8n answered it); each other
			// left it waiting, or (a task ended while an earlier call was finishing the items: seen on
			// 1.123.81) found the resume under way. Its answer may be recorded after the execution ended.
			const callbacks = sandbox.freepik.callbacks;
			for (let i = 0; i < 100 && callbacks.length < 5; i++)
				await new Promise((resolve) => setTimeout(resolve, 100));
			expect(callbacks.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
			const ours = callbacks.filter((c) => (c.answer ?? '').includes('"received":true'));
			expect(ours).toHaveLength(4);
			for (const c of ours) expect(c.answer).toMatch(/"(waiting|resuming)":true/);

			const { runs, items, bytes } = await nodeOutput(waiting.id);
			// One run of the node in the stored execution: the resume replaced the pre-wait output.
			expect(runs).toHaveLength(1);
			// Submitted concurrently: every task once, each item with its own.
			expect(items.map((item) => item.json.task_id).sort()).toEqual([...tasks].sort());
			expect(items.map((item) => item.pairedItem)).toEqual(
				[0, 1, 2, 3, 4].map((i) => ({ item: i })),
			);
			expect(items.every((item) => item.json.status === 'COMPLETED' && !item.json.error)).toBe(
				true,
			);
			expect(items.map((item) => item.binary?.data.mimeType)).toEqual(Array(5).fill('image/png'));
			// Each item holds the image its own task generated, as Magnific served it.
			items.forEach((item, n) => {
				expect(String(item.json.url)).toContain(String(item.json.task_id));
				expect(sha(bytes[n]!)).toBe(sha(servedAt(item.json.url)!));
			});
			// The resume URL's token never reaches the output.
			const submitted = String(sandbox.freepik.modelTasks[0].fields.webhook_url);
			expect(submitted).toContain(`/webhook-waiting/${waiting.id}`);
			const token = new URL(submitted).searchParams.get('signature');
			if (token) expect(JSON.stringify(items)).not.toContain(token);
		},
		180_000,
	);

	itFor('freepik')(
		'a forged or replayed callback changes nothing; the signed one resumes',
		async () => {
			sandbox.freepik.sendCallbacks = false;
			sandbox.freepik.callbackAfterMs = 60_000;
			const waiting = await waitingAfter('wr-batch', 1);
			const [task] = sandbox.freepik.modelTasks;
			const url = String(task.fields.webhook_url);
			const body = {
				task_id: task.id,
				status: 'COMPLETED',
				generated: ['https://evil.example/x.png'],
			};
			const forged = sandbox.freepik.signedCallback(body, 'not-the-secret');
			const unsigned = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const wrong = await fetch(url, { method: 'POST', headers: forged.headers, body: forged.raw });
			const stale = sandbox.freepik.signedCallback(body, undefined, Date.now() - 10 * 60_000);
			const replayed = await fetch(url, {
				method: 'POST',
				headers: stale.headers,
				body: stale.raw,
			});
			expect([unsigned.status, wrong.status, replayed.status]).toEqual([401, 401, 401]);
			// Signed, claiming COMPLETED, but the task still runs (Magnific's API says so): answered,
			// and the execution keeps waiting.
			const early = sandbox.freepik.signedCallback(body);
			const signed = await fetch(url, { method: 'POST', headers: early.headers, body: early.raw });
			expect(signed.status).toBe(200);
			expect(await signed.json()).toEqual({ received: true, waiting: true });
			const runs = await listExecutions(n8n!.url, cookie);
			expect(runs.find((run) => run.id === waiting.id)?.status).toBe('waiting');

			await sandbox.freepik.deliverCallbacks();
			const done = await endOf('wr-batch', waiting.id);
			expect(done.status).toBe('success');
			const { items } = await nodeOutput(waiting.id);
			expect(items).toHaveLength(1);
			expect(String(items[0].json.url)).not.toContain('evil.example');
		},
		120_000,
	);

	itFor('freepik')(
		'callbacks of tasks that all ended come at once: the execution resumes once',
		async () => {
			sandbox.freepik.sendCallbacks = false;
			const waiting = await waitingAfter('wr-batch', 4);
			await sandbox.freepik.deliverCallbacks({ together: true });
			const done = await endOf('wr-batch', waiting.id);
			expect(done.status).toBe('success');
			const answers = sandbox.freepik.callbacks.map((c) => c.answer ?? '');
			// One call resumed it; the others were answered and changed nothing.
			expect(
				answers.filter(
					(a) =>
						a.includes('"resuming":true') ||
						a.includes('"waiting":true') ||
						/already|running/.test(a),
				),
			).toHaveLength(3);
			const { runs, items } = await nodeOutput(waiting.id);
			expect(runs).toHaveLength(1);
			expect(items).toHaveLength(4);
			// The next node of a twice-resumed execution would have run twice; it ran once.
			const stored = await storedExecution(n8n!.url, cookie, waiting.id);
			expect(Object.values(stored.runData).every((r) => r.length === 1)).toBe(true);
		},
		120_000,
	);

	itFor('freepik')(
		'a FAILED task comes out as the error item polling gives, with Magnific’s reason',
		async () => {
			sandbox.freepik.sendCallbacks = false;
			sandbox.freepik.modelBehaviour.finalStatus = 'FAILED';
			sandbox.freepik.modelBehaviour.failureReason = 'Content policy violation';
			const waiting = await waitingAfter('wr-batch', 2);
			await sandbox.freepik.deliverCallbacks();
			const done = await endOf('wr-batch', waiting.id);
			expect(done.status).toBe('success');
			const { items } = await nodeOutput(waiting.id);
			const ids = sandbox.freepik.modelTasks.map((task) => task.id);
			const messages = items.map((item) => String(item.json.error));
			expect(messages.sort()).toEqual(
				ids
					.map((id) => `Freepik Flux Kontext Pro task ${id} FAILED: Content policy violation`)
					.sort(),
			);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		},
		120_000,
	);

	itFor('freepik')(
		'cancelled from the editor while waiting: it stays cancelled, the callbacks change nothing',
		async () => {
			sandbox.freepik.sendCallbacks = false;
			const waiting = await waitingAfter('wr-batch', 2);
			const stop = await fetch(`${n8n!.url}/rest/executions/${waiting.id}/stop`, {
				method: 'POST',
				headers: { cookie, 'content-type': 'application/json' },
				body: '{}',
			});
			expect(stop.status).toBe(200);
			const stopped = await endOf('wr-batch', waiting.id);
			expect(stopped.status).toBe('canceled');
			await sandbox.freepik.deliverCallbacks();
			expect(sandbox.freepik.callbacks.map((c) => c.status)).not.toContain(200);
			const runs = await listExecutions(n8n!.url, cookie);
			expect(runs.find((run) => run.id === waiting.id)?.status).toBe('canceled');
			// Nothing was downloaded: the images of a cancelled execution are not fetched.
			expect(sandbox.freepik.requestsTo('/files/')).toHaveLength(0);
		},
		120_000,
	);

	itFor('freepik')(
		'n8n restarted while waiting: the stored execution resumes on the callback',
		async () => {
			sandbox.freepik.sendCallbacks = false;
			const waiting = await waitingAfter('wr-batch', 2);
			await n8n!.stop();
			n8n = undefined;
			await start();
			await sandbox.freepik.deliverCallbacks();
			const done = await endOf('wr-batch', waiting.id);
			expect(done.status).toBe('success');
			const { items, bytes } = await nodeOutput(waiting.id);
			expect(items).toHaveLength(2);
			expect(bytes.every((b) => b && b.length > 0)).toBe(true);
		},
		300_000,
	);

	itFor('freepik')(
		'no callback by Max Wait: each item says so, nothing flows on as a result',
		async () => {
			sandbox.freepik.sendCallbacks = false;
			sandbox.freepik.callbackAfterMs = 3_600_000;
			const waiting = await waitingAfter('wr-maxwait', 2);
			// n8n resumes it on time (Max Wait + the grace for late callbacks), running no node code.
			const done = await endOf('wr-maxwait', waiting.id, 150_000);
			expect(done.status).toBe('success');
			const { items } = await nodeOutput(waiting.id);
			expect(items).toHaveLength(2);
			for (const item of items) {
				expect(item.binary).toBeUndefined();
				expect(String(item.json.error)).toMatch(/^Freepik task .+ did not complete within 1 s/);
				expect(item.json.url).toBeUndefined();
			}
		},
		200_000,
	);
});
