import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { cancelledError } from '../cancellation';
import { asNodeError } from '../nodeErrors';
import type { Redactor } from '../redaction';

export type ItemOperation = (itemIndex: number) => Promise<INodeExecutionData[]>;

/** The error item continueOnFail() asks for: what went wrong and what to do, paired to its input. */
function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	return {
		json: {
			error: error.message,
			...(error.description ? { description: error.description } : {}),
			...(error instanceof NodeApiError && error.httpCode ? { httpCode: error.httpCode } : {}),
			...(typeof error.context.vendorCode === 'string' ? { code: error.context.vendorCode } : {}),
		},
		pairedItem: { item: itemIndex },
	};
}

/**
 * Runs a per-item operation over all input items with at most `concurrency` in flight, keeping
 * output in input order. Every item and error leaves through `redactor`, so no secret of the
 * credential reaches the output, the run data or an error, whatever a server echoed. With continueOnFail() a failing item becomes an error item and the rest
 * go on; without it, no new item starts after the first failure and that error is thrown once
 * the items already in flight have settled. A cancelled execution stops scheduling at once.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	operation: ItemOperation,
	concurrency: number,
	redactor: Redactor,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const results: INodeExecutionData[][] = new Array(count);
	const continueOnFail = ctx.continueOnFail();
	const signal = ctx.getExecutionCancelSignal();
	let next = 0;
	const failures: Array<{ itemIndex: number; error: NodeApiError | NodeOperationError }> = [];

	const worker = async () => {
		while (next < count && failures.length === 0 && !signal?.aborted) {
			const itemIndex = next++;
			try {
				results[itemIndex] = (await operation(itemIndex)).map((item) => redactor.item(item));
			} catch (error) {
				const nodeError = redactor.error(asNodeError(ctx, error, itemIndex));
				if (continueOnFail && !signal?.aborted) {
					results[itemIndex] = [errorItem(nodeError, itemIndex)];
				} else {
					failures.push({ itemIndex, error: nodeError });
				}
			}
		}
	};

	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));

	if (failures.length > 0) {
		// Report the lowest failing item, whatever order the concurrent calls finished in.
		throw failures.reduce((a, b) => (b.itemIndex < a.itemIndex ? b : a)).error;
	}
	if (signal?.aborted) throw cancelledError(ctx);
	return results.flat();
}
