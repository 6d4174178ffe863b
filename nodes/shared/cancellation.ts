import type { IExecuteFunctions } from 'n8n-workflow';
import * as workflow from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from './nodeErrors';

/** Resolves after `ms`, or rejects as soon as `signal` is aborted. */
export type AbortableSleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What n8n-workflow exports for sleeping; the shape changed in 2.34. */
export interface SleepExports {
	sleep?: unknown;
	sleepWithAbort?: unknown;
}

/**
 * Picks the abortable sleep of the n8n-workflow the package runs against. A community package
 * gets n8n's own copy, whatever version the user runs: 1.x and 2.x up to 2.33 export
 * `sleepWithAbort(ms, signal)` (their `sleep(ms)` ignores a signal); 2.34 removed it, and
 * `sleep(ms, signal)` takes the signal instead.
 */
export function abortableSleepFrom(exports: SleepExports): AbortableSleep {
	if (typeof exports.sleepWithAbort === 'function') return exports.sleepWithAbort as AbortableSleep;
	if (typeof exports.sleep === 'function') return exports.sleep as AbortableSleep;
	throw new Error(
		'n8n-workflow exports neither sleepWithAbort nor sleep: this n8n version is not supported',
	);
}

// Decided once, when the package is loaded. Read through the namespace so that a version
// without `sleepWithAbort` is detected instead of calling undefined.
const abortableSleep = abortableSleepFrom(workflow as SleepExports);

export function isCancelled(ctx: IExecuteFunctions): boolean {
	return ctx.getExecutionCancelSignal()?.aborted === true;
}

// n8n's WorkflowExecute reports the run as canceled (not failed) when the error says "canceled".
export function cancelledError(ctx: IExecuteFunctions, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		'The execution was canceled',
		itemIndex === undefined ? {} : { itemIndex },
	);
}

/**
 * Waits `ms` unless the execution is cancelled first, which ends the wait at once with the
 * cancellation error. Only a real abort is reported as one: any other failure of the sleep
 * propagates as it is, so that a broken sleep can never pass for a cancellation.
 */
export async function sleepUnlessCancelled(
	ctx: IExecuteFunctions,
	ms: number,
	itemIndex: number,
	sleep: AbortableSleep = abortableSleep,
): Promise<void> {
	const signal = ctx.getExecutionCancelSignal();
	try {
		await sleep(ms, signal);
	} catch (error) {
		if (signal?.aborted) throw cancelledError(ctx, itemIndex);
		throw asNodeError(ctx, error, itemIndex);
	}
}
