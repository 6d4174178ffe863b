import { runEntry } from '../harness/runEntry';
import { fixtures } from '../fixtures/images';
import { expectNoSecrets, SECRET_KEYS, startServer } from '../helpers';
import { FreepikServer } from '../servers/freepikServer';
import { MAGNIFIC_PATHS } from '../vendors';

// Completion "Wait for Webhook" up to the wait, through n8n's engine: every item's task submitted
// with the execution's resume URL, the execution put to wait with what the callbacks need, and
// what n8n would output on a time resume. The callbacks themselves reach a real n8n
// (test/e2e/webhookResume.e2e.ts, on every n8n of the matrix, and the queue-mode suite).

const server = startServer(new FreepikServer());
beforeAll(() => {
	server.apiKey = SECRET_KEYS.freepik;
});

const items = (count: number) =>
	Array.from({ length: count }, (_, n) => ({
		json: { n },
		binary: { data: { data: fixtures.squarePng, fileName: `in${n}.png`, mimeType: 'image/png' } },
	}));

async function run(count: number, overrides: Record<string, unknown> = {}, credential = {}) {
	return await runEntry('freepikKontextMax', {
		server,
		items: items(count),
		credential,
		parameters: { completion: 'webhook', ...overrides },
	});
}

const contextOf = (result: Awaited<ReturnType<typeof run>>) =>
	result.run.data.executionData?.contextData['node:Node Under Test']?.magnificCallbacks as {
		wait?: {
			tasks: Record<string, { taskId: string; fileBaseName: string; outputProperty?: string }>;
			ended: Record<string, unknown[]>;
			itemCount: number;
			deadline: number;
			maxWaitSeconds: number;
		};
	};

describe('Completion "Wait for Webhook": up to the wait', () => {
	it('submits every item with the resume URL, waits once, and keeps what the callbacks need', async () => {
		server.callbackAfterMs = 60_000;
		const started = Date.now();
		const result = await run(3, { options: { maxWaitSeconds: 300 } });
		expect(result.status).toBe('waiting');
		// Max Wait, plus the grace that lets a callback arriving at Max Wait still end the wait.
		const waitTill = result.run.waitTill!.getTime();
		expect(waitTill).toBeGreaterThanOrEqual(started + 315_000);
		expect(waitTill).toBeLessThan(Date.now() + 315_000 + 1000);
		const urls = server.modelTasks.map((task) => task.fields.webhook_url);
		expect(urls).toHaveLength(3);
		expect(new Set(urls).size).toBe(1);
		expect(urls[0]).toMatch(/^http:\/\/localhost:5678\/webhook-waiting\/exec-run-\d+$/);
		// Before waiting, one status check: the first task still runs, so no other is asked for.
		const polls = server.requests.filter(
			(r) => r.method === 'GET' && r.path.includes('/flux-kontext'),
		);
		expect(polls).toHaveLength(1);
		expect(result.items.map((item) => [item.json.status, item.pairedItem])).toEqual([
			['CREATED', { item: 0 }],
			['CREATED', { item: 1 }],
			['CREATED', { item: 2 }],
		]);
		const { wait } = contextOf(result);
		expect(wait!.itemCount).toBe(3);
		expect(wait!.maxWaitSeconds).toBe(300);
		expect(
			Object.values(wait!.tasks)
				.map((task) => task.taskId)
				.sort(),
		).toEqual(server.modelTasks.map((task) => task.id).sort());
		expect(wait!.tasks[0]).toMatchObject({ fileBaseName: 'in0-edited', outputProperty: 'data' });
		expectNoSecrets(JSON.stringify(result.run.data.executionData));
	});

	it('makes what a time resume outputs the items’ timeout errors, never the input', async () => {
		server.callbackAfterMs = 60_000;
		const result = await run(2, { options: { maxWaitSeconds: 30 } });
		const stack = result.run.data.executionData!.nodeExecutionStack;
		expect(stack[0].node.name).toBe('Node Under Test');
		const onTimeResume = stack[0].data.main[0]!;
		expect(onTimeResume).toHaveLength(2);
		onTimeResume.forEach((item, n) => {
			expect(item.binary).toBeUndefined();
			expect(item.pairedItem).toEqual({ item: n });
			expect(item.json).toMatchObject({ model: 'flux-kontext-max', task_id: expect.any(String) });
			expect(String(item.json.error)).toMatch(
				/^Freepik task .+ did not complete within 30 s \(last status/,
			);
			expect(String(item.json.description)).toContain("n8n's WEBHOOK_URL");
		});
	});

	it('finishes at once, without waiting, when every task ended before the wait', async () => {
		server.sendCallbacks = false;
		server.callbackAfterMs = 0;
		const result = await run(2);
		expect(result.status).toBe('success');
		expect(result.run.waitTill).toBeUndefined();
		expect(result.items).toHaveLength(2);
		for (const item of result.items) {
			expect(item.json.status).toBe('COMPLETED');
			expect((await result.readBinary(item)).length).toBeGreaterThan(0);
		}
	});

	it('waits all the same when the status check before the wait fails (the tasks are paid for)', async () => {
		server.callbackAfterMs = 60_000;
		server.fail(
			`GET ${MAGNIFIC_PATHS.fluxKontextMax}/*`,
			...Array(5).fill({ kind: 'status', status: 404, body: { message: 'Not found' } }),
		);
		const result = await run(2);
		expect(result.status).toBe('waiting');
		expect(server.modelTasks).toHaveLength(2);
		expect(Object.keys(contextOf(result).wait!.tasks)).toEqual(['0', '1']);
	});

	it('keeps an item that failed before its submit as its error item (Continue On Fail)', async () => {
		server.callbackAfterMs = 60_000;
		const result = await runEntry('freepikKontextMax', {
			server,
			items: [...items(1), { json: {} }],
			continueOnFail: true,
			parameters: { completion: 'webhook' },
		});
		expect(result.status).toBe('waiting');
		expect(server.modelTasks).toHaveLength(1);
		const { wait } = contextOf(result);
		expect(Object.keys(wait!.tasks)).toEqual(['0']);
		expect(wait!.ended[1]).toEqual([expect.objectContaining({ pairedItem: { item: 1 } })]);
		const onTimeResume = result.run.data.executionData!.nodeExecutionStack[0].data.main[0]!;
		expect(onTimeResume[1]).toEqual(wait!.ended[1][0]);
	});

	it('refuses before any request without the Webhook Secret in the credential', async () => {
		const result = await run(1, {}, { webhookSecret: '' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Completion "Wait for Webhook" needs the Webhook Secret in the Freepik (Magnific) credential',
		);
		expect(server.requests).toHaveLength(0);
	});

	it('refuses before any request when Magnific could not reach the resume URL (loopback n8n, public API)', async () => {
		const result = await run(1, {}, { host: 'magnific' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Magnific cannot call n8n back at http://localhost:5678: it is a private or loopback address',
		);
		expect(result.error?.description).toContain('WEBHOOK_URL');
		expect(server.requests).toHaveLength(0);
	});

	it('polls as before with Completion: Poll (the default)', async () => {
		const result = await runEntry('freepikKontextMax', { server, items: items(1) });
		expect(result.status).toBe('success');
		expect(server.modelTasks[0].fields.webhook_url).toBeUndefined();
		expect(result.items[0].json.status).toBe('COMPLETED');
	});
});
