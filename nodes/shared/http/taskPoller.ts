import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sleepUnlessCancelled } from '../cancellation';

/** A vendor's asynchronous task, as far as waiting for it goes. */
export interface PolledTask {
	id: string;
	status: string;
}

/** How to wait for one vendor's tasks. */
export interface TaskPolling<T extends PolledTask> {
	/** E.g. "Freepik": used in messages. */
	vendorName: string;
	/** First wait between status checks. */
	intervalMs: number;
	/** Give up this long after the wait began. */
	maxWaitMs: number;
	isPending(task: T): boolean;
	/** One status check (through the run's API client, so through its gate and retries). */
	check(task: T): Promise<T>;
	/** What the user can do when the wait runs out (look it up, raise the Max Wait option…). */
	timeoutAdvice(task: T): string;
}

/** Waits grow by half each time, up to four times the configured interval. */
export function nextPollDelayMs(intervalMs: number, poll: number): number {
	return Math.round(Math.min(intervalMs * 1.5 ** poll, intervalMs * 4));
}

/**
 * Waits for a submitted task: checks its status at growing intervals while it is pending, until it
 * is not, or Max Wait is reached (an error naming the task, so it can still be looked up).
 * Cancelling the execution ends the wait at once.
 */
export async function waitForTask<T extends PolledTask>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	task: T,
	polling: TaskPolling<T>,
): Promise<T> {
	const started = Date.now();
	let current = task;
	for (let n = 0; polling.isPending(current); n++) {
		const elapsed = Date.now() - started;
		if (elapsed >= polling.maxWaitMs) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${polling.vendorName} task ${task.id} did not complete within ${Math.round(polling.maxWaitMs / 1000)} s (last status ${current.status})`,
				{ itemIndex, description: `The task may still finish: ${polling.timeoutAdvice(current)}` },
			);
		}
		await sleepUnlessCancelled(
			ctx,
			Math.min(nextPollDelayMs(polling.intervalMs, n), polling.maxWaitMs - elapsed),
			itemIndex,
		);
		current = await polling.check(current);
	}
	return current;
}
