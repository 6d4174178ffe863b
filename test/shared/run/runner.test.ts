import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Redactor } from '../../../nodes/shared/redaction';
import { runItems } from '../../../nodes/shared/run/runner';
import { fixtures, makePng } from '../../fixtures/images';
import type { InputItem, RunResult } from '../../harness/engine';
import { runEntry } from '../../harness/runEntry';
import { TEST_NODE, untilRequested } from '../../helpers';
import { startVendorServers } from '../../vendorServers';

// The item runner (run/runItems.ts): which items start after a failure, which failure a run
// reports, what an error item holds, and cancelling, both between two items (against a stand-in
// context) and while an item waits (through n8n's engine, where the wait itself ends as canceled).

function fakeContext(count: number, signal: AbortSignal, continueOnFail: boolean) {
	return {
		getNode: () => TEST_NODE,
		getInputData: () => Array.from({ length: count }, () => ({ json: {} })),
		continueOnFail: () => continueOnFail,
		getExecutionCancelSignal: () => signal,
	} as unknown as IExecuteFunctions;
}

describe('a cancel between two items', () => {
	it.each([false, true])(
		'starts no further item and ends the run as canceled (continue on fail: %s)',
		async (continueOnFail) => {
			const controller = new AbortController();
			const ctx = fakeContext(3, controller.signal, continueOnFail);
			const started: number[] = [];
			const run = runItems(
				ctx,
				async (itemIndex): Promise<INodeExecutionData[]> => {
					started.push(itemIndex);
					controller.abort(); // the user cancels while this item's answer is being read
					return [{ json: { itemIndex }, pairedItem: { item: itemIndex } }];
				},
				1,
				new Redactor([]),
			);
			await expect(run).rejects.toThrow(
				new NodeOperationError(TEST_NODE, 'The execution was canceled'),
			);
			expect(started).toEqual([0]);
		},
	);

	it('with Continue On Fail, an item failing after the cancel is not turned into an error item', async () => {
		const controller = new AbortController();
		const ctx = fakeContext(2, controller.signal, true);
		const failure = new NodeOperationError(TEST_NODE, 'the wait ended');
		const run = runItems(
			ctx,
			async () => {
				controller.abort();
				throw failure;
			},
			1,
			new Redactor([]),
		);
		await expect(run).rejects.toBe(failure);
	});
});

const { novita } = startVendorServers();
const png = (seed = 1): InputItem => ({
	binary: {
		data: { data: makePng(32, 32, seed), fileName: `in-${seed}.png`, mimeType: 'image/png' },
	},
});
const errorOf = (result: RunResult) =>
	result.error as (Error & { description?: string; context?: { itemIndex?: number } }) | undefined;

describe("the item runner through n8n's engine", () => {
	const route = 'POST /v3/reimagine';
	const invalidKey = {
		kind: 'status' as const,
		status: 403,
		body: { code: 403, reason: 'INVALID_API_KEY', message: 'invalid api-key', metadata: {} },
	};

	it('starts no new item after a failure without Continue On Fail, and reports that item', async () => {
		novita.fail(route, { kind: 'delay', ms: 0 }, invalidKey);
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { concurrency: 1 } },
			items: [png(1), png(2), png(3), png(4), png(5)],
		});
		expect(result.status).toBe('error');
		expect(novita.requestsTo(route)).toHaveLength(2);
		expect(errorOf(result)?.message).toBe(
			'Novita AI returned HTTP 403: invalid api-key [INVALID_API_KEY]',
		);
		expect(errorOf(result)?.context?.itemIndex).toBe(1);
	});

	it('reports the lowest failing item, not the first to fail', async () => {
		// Item 1's image URL answers 404 after 300 ms; item 2's URL is invalid and fails at once.
		novita.assets.set('ok.png', { body: fixtures.squarePng, contentType: 'image/png' });
		novita.fail('GET /assets/gone.png', { kind: 'delay', ms: 300 });
		const items = [
			`${novita.baseUrl}/assets/ok.png`,
			`${novita.baseUrl}/assets/gone.png`,
			'not a url',
		].map((url) => ({ json: { url } }));
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { inputSource: 'url', imageUrl: '={{ $json.url }}', options: { concurrency: 3 } },
			items,
		});
		expect(result.status).toBe('error');
		expect(errorOf(result)?.message).toMatch(/^Image URL download returned HTTP 404: /);
		expect(errorOf(result)?.context?.itemIndex).toBe(1);
	});

	it('an error item keeps the message, the hint, the HTTP status and the vendor code', async () => {
		novita.fail(route, invalidKey);
		const result = await runEntry('novitaReimagine', {
			server: novita,
			items: [png(1)],
			continueOnFail: true,
		});
		expect(result.items).toEqual([
			{
				json: {
					error: 'Novita AI returned HTTP 403: invalid api-key [INVALID_API_KEY]',
					description:
						'Novita rejected the API key. Check the API key in the Novita AI credential.',
					httpCode: '403',
					code: 'INVALID_API_KEY',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('reports the lowest of several failures, whatever order they came in', async () => {
		// Item 2 fails at once, item 1 after 300 ms, item 3 after 600 ms; item 0 succeeds.
		novita.assets.set('ok.png', { body: fixtures.squarePng, contentType: 'image/png' });
		novita.fail('GET /assets/gone-1.png', { kind: 'delay', ms: 300 });
		novita.fail('GET /assets/gone-3.png', { kind: 'delay', ms: 600 });
		const urls = ['ok.png', 'gone-1.png', null, 'gone-3.png'].map((name) =>
			name ? `${novita.baseUrl}/assets/${name}` : 'not a url',
		);
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { inputSource: 'url', imageUrl: '={{ $json.url }}', options: { concurrency: 4 } },
			items: urls.map((url) => ({ json: { url } })),
		});
		expect(errorOf(result)?.context?.itemIndex).toBe(1);
		expect(novita.requestsTo('GET /assets/gone-3.png')).toHaveLength(1);
	});

	it('an error item carries httpCode and code only when the error has them', async () => {
		const result = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { inputSource: 'url', imageUrl: 'not a url' },
			items: [png(1)],
			continueOnFail: true,
		});
		expect(Object.keys(result.items[0].json).sort()).toEqual(['description', 'error']);
		// A vendor error without a status (the connection closed) has no httpCode either.
		novita.fail('POST /v3/reimagine', { kind: 'reset' });
		const failed = await runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { maxRetries: 0 } },
			items: [png(1)],
			continueOnFail: true,
		});
		expect(failed.items[0].json.error).toMatch(
			/^Novita AI request failed: the connection was closed/,
		);
		expect(Object.keys(failed.items[0].json).sort()).toEqual(['description', 'error']);
	});

	it('a cancel while a request is in flight ends the run as canceled, not as a failed request', async () => {
		novita.fail('POST /v3/reimagine', { kind: 'hang' });
		let cancel: () => void = () => {};
		const running = runEntry('novitaReimagine', {
			server: novita,
			parameters: { options: { timeoutMs: 1500, maxRetries: 0 } },
			items: [png(1)],
			onStart: (c) => (cancel = c),
		});
		await untilRequested(novita, 'POST /v3/reimagine');
		cancel();
		const result = await running;
		expect(result.status).toBe('canceled');
	});
});
