import type { IExecuteFunctions } from 'n8n-workflow';
import * as workflow from 'n8n-workflow';

import type { AbortableSleep } from '../../nodes/shared/cancellation';
import { abortableSleepFrom, sleepUnlessCancelled } from '../../nodes/shared/cancellation';
import { sleep234 as sleep234Double } from '../doubles/sleep234';
import { TEST_NODE } from '../helpers';

// n8n-workflow up to 2.33 (and 1.x) exports sleep(ms) and sleepWithAbort(ms, signal); 2.34 removed
// sleepWithAbort and made sleep(ms, signal) abortable. Calling the missing sleepWithAbort and
// catching everything as a cancellation turned every retry and poll into "canceled" on 2.34+.

const sleep234: AbortableSleep = sleep234Double;

/** The ≤ 2.33 shape of sleep(ms): ignores any signal. */
const plainSleep = async (ms: number) =>
	await new Promise<void>((resolve) => setTimeout(resolve, ms));

function fakeContext(signal?: AbortSignal): IExecuteFunctions {
	return {
		getNode: () => TEST_NODE,
		getExecutionCancelSignal: () => signal,
	} as unknown as IExecuteFunctions;
}

describe('abortableSleepFrom', () => {
	it('uses sleepWithAbort where it exists (1.x, 2.x up to 2.33), not the sleep that ignores the signal', () => {
		const sleepWithAbort: AbortableSleep = async () => {};
		expect(abortableSleepFrom({ sleep: plainSleep, sleepWithAbort })).toBe(sleepWithAbort);
	});

	it('uses sleep(ms, signal) where sleepWithAbort is gone (2.34+)', () => {
		expect(abortableSleepFrom({ sleep: sleep234 })).toBe(sleep234);
		expect(abortableSleepFrom({ sleep: sleep234, sleepWithAbort: undefined })).toBe(sleep234);
	});

	it('refuses an n8n-workflow with neither, instead of failing at the first wait', () => {
		expect(() => abortableSleepFrom({})).toThrow(
			'n8n-workflow exports neither sleepWithAbort nor sleep: this n8n version is not supported',
		);
	});

	it('picks the pinned n8n-workflow’s sleepWithAbort', () => {
		expect(abortableSleepFrom(workflow as never)).toBe(workflow.sleepWithAbort);
	});
});

describe('sleepUnlessCancelled', () => {
	it.each([
		['sleepWithAbort (≤ 2.33)', workflow.sleepWithAbort as AbortableSleep],
		['sleep(ms, signal) (2.34+)', sleep234],
	])('with %s: waits, and a cancel ends the wait at once as "canceled"', async (_name, sleep) => {
		const controller = new AbortController();
		const ctx = fakeContext(controller.signal);
		const started = performance.now();
		await sleepUnlessCancelled(ctx, 30, 0, sleep);
		expect(performance.now() - started).toBeGreaterThanOrEqual(25);

		const waiting = sleepUnlessCancelled(ctx, 60_000, 3, sleep);
		controller.abort();
		const error = await waiting.then(
			() => undefined,
			(e: unknown) => e as workflow.NodeOperationError,
		);
		expect(error).toBeInstanceOf(workflow.NodeOperationError);
		expect(error?.message).toBe('The execution was canceled');
		expect(error?.context.itemIndex).toBe(3);
	});

	it('a sleep that fails while nothing was cancelled keeps its own message', async () => {
		// What 2.34+ did to the old code: calling the missing export throws a TypeError.
		const missing = undefined as unknown as AbortableSleep;
		const brokenCall: AbortableSleep = async (ms, signal) => await missing(ms, signal);
		const error = await sleepUnlessCancelled(
			fakeContext(new AbortController().signal),
			10,
			1,
			brokenCall,
		).then(
			() => undefined,
			(e: unknown) => e as workflow.NodeOperationError,
		);
		expect(error).toBeInstanceOf(workflow.NodeOperationError);
		expect(error?.message).toMatch(/is not a function/);
		expect(error?.message).not.toMatch(/cancel/i);
		expect(error?.context.itemIndex).toBe(1);
	});

	it('without a cancel signal (no execution context) it simply waits', async () => {
		await expect(
			sleepUnlessCancelled(fakeContext(undefined), 5, 0, sleep234),
		).resolves.toBeUndefined();
	});
});

describe('sleepUnlessCancelled without a signal', () => {
	it('passes a failing sleep’s error on with its own message', async () => {
		const failing: AbortableSleep = async () => {
			throw new Error('the clock broke');
		};
		const error = await sleepUnlessCancelled(fakeContext(undefined), 5, 2, failing).then(
			() => undefined,
			(e: unknown) => e as workflow.NodeOperationError,
		);
		expect(error?.message).toBe('the clock broke');
		expect(error?.context.itemIndex).toBe(2);
	});
});
