import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Redactor } from '../../../nodes/shared/redaction';
import { runItems } from '../../../nodes/shared/run/runItems';
import { TEST_NODE } from '../../helpers';

// Found by mutation testing (run/runItems.ts, 88.7 %): the engine tests cancel a run while an item
// waits (a retry, a poll, a request in flight), where the wait itself ends as canceled. A cancel
// that lands between two items, when nothing is waiting, was never sent.

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
