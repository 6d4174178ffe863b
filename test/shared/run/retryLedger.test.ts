import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { RetryLedger, waitingLedgers } from '../../../nodes/shared/run/retryLedger';
import { TEST_NODE } from '../../helpers';

// The memory handed from a failed try of a node to n8n's next try (Retry On Fail): when it is
// kept, for whom, and when it is dropped. test/nodes/paidOnce.test.ts runs it through n8n's engine;
// these hold its edges: n8n's bounds on tries, a changed input, no execution id, the age limit.

interface Try {
	executionId?: string;
	node?: Partial<INode>;
	items?: number;
}

function ctxOf({ executionId = 'exec-1', node = {}, items = 3 }: Try = {}): IExecuteFunctions {
	return {
		getExecutionId: () => executionId,
		getNode: () => ({ ...TEST_NODE, name: 'Image', retryOnFail: true, maxTries: 2, ...node }),
		getInputData: () => Array.from({ length: items }, () => ({ json: {} })),
	} as unknown as IExecuteFunctions;
}

const output = [{ json: { ok: true }, pairedItem: { item: 0 } }];

/** Opens a try, lets `record` write into it, and closes it as failed. */
function failedTry(ctx: IExecuteFunctions, record: (ledger: RetryLedger) => void = () => {}) {
	const ledger = RetryLedger.open(ctx);
	record(ledger);
	ledger.close(ctx, true);
	return ledger;
}

afterEach(() => {
	// Whatever a test left waiting is taken by a try of its own.
	for (const id of ['exec-1', 'exec-2']) RetryLedger.open(ctxOf({ executionId: id }));
	jest.useRealTimers();
});

describe('what a failed try hands to the next', () => {
	it('finished output, an accepted task and an unknown outcome, by item', () => {
		const ctx = ctxOf();
		const unknown = new NodeApiError(TEST_NODE, { message: 'lost' });
		failedTry(ctx, (ledger) => {
			ledger.recordFinished(0, output);
			ledger.recordTask(1, { id: 'task-1' });
			ledger.recordUnknownOutcome(2, unknown);
		});
		expect(waitingLedgers()).toBe(1);
		const next = RetryLedger.open(ctx);
		expect(waitingLedgers()).toBe(0);
		expect(next.finished(0)).toBe(output);
		expect(next.acceptedTask(1)).toEqual({ id: 'task-1' });
		expect(next.unknownOutcome(2)).toBe(unknown);
		expect([next.finished(1), next.acceptedTask(0), next.unknownOutcome(0)]).toEqual([
			undefined,
			undefined,
			undefined,
		]);
	});

	it('nothing after a try that ended well', () => {
		const ctx = ctxOf();
		const ledger = RetryLedger.open(ctx);
		ledger.recordFinished(0, output);
		ledger.close(ctx, false);
		expect(waitingLedgers()).toBe(0);
		expect(RetryLedger.open(ctx).finished(0)).toBeUndefined();
	});

	it('nothing after the last try n8n makes (Max Tries 2: the second)', () => {
		const ctx = ctxOf();
		failedTry(ctx, (ledger) => ledger.recordFinished(0, output));
		const second = failedTry(ctx);
		expect(second.finished(0)).toBe(output);
		expect(waitingLedgers()).toBe(0);
	});

	it.each([
		[undefined, 3],
		[0, 3],
		[1, 2],
		[4, 4],
		[9, 5],
	])('n8n’s bounds on Max Tries: %s tries set, %s made', (maxTries, made) => {
		const ctx = ctxOf({ node: { maxTries } });
		for (let n = 1; n < made; n++) {
			failedTry(ctx, (ledger) => ledger.recordFinished(n, output));
			expect(waitingLedgers()).toBe(1);
		}
		failedTry(ctx);
		expect(waitingLedgers()).toBe(0);
	});

	it('nothing without Retry On Fail, or without an execution id', () => {
		failedTry(ctxOf({ node: { retryOnFail: false } }), (l) => l.recordFinished(0, output));
		expect(waitingLedgers()).toBe(0);
		failedTry(ctxOf({ executionId: '' }), (l) => l.recordFinished(0, output));
		expect(waitingLedgers()).toBe(0);
	});

	it('not to another execution, another node, or a try with other input', () => {
		failedTry(ctxOf(), (ledger) => ledger.recordFinished(0, output));
		expect(RetryLedger.open(ctxOf({ executionId: 'exec-2' })).finished(0)).toBeUndefined();
		expect(RetryLedger.open(ctxOf({ node: { name: 'Other' } })).finished(0)).toBeUndefined();
		expect(RetryLedger.open(ctxOf({ items: 4 })).finished(0)).toBeUndefined();
		// The other input's try took it: it is gone for the original too.
		expect(RetryLedger.open(ctxOf()).finished(0)).toBeUndefined();
	});

	it('dropped when no try came back for it within 10 minutes', () => {
		jest.useFakeTimers({ now: new Date('2026-12-07T08:00:00Z') });
		failedTry(ctxOf(), (ledger) => ledger.recordFinished(0, output));
		jest.setSystemTime(new Date('2026-12-07T08:10:00Z'));
		expect(RetryLedger.open(ctxOf()).finished(0)).toBe(output);
		failedTry(ctxOf({ executionId: 'exec-2' }), (ledger) => ledger.recordFinished(0, output));
		jest.setSystemTime(new Date('2026-12-07T08:20:00.001Z'));
		// Any try sweeps: exec-2's ledger is older than 10 minutes.
		RetryLedger.open(ctxOf({ executionId: 'exec-3', node: { retryOnFail: false } }));
		expect(waitingLedgers()).toBe(0);
	});
});
