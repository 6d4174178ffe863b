import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { sleepUnlessCancelled } from '../../cancellation';
import { asNodeError } from '../../nodeErrors';
import { apiRequest } from '../../http/apiRequest';
import type { RequestSettings } from '../../run/options';
import { FREEPIK_CREDENTIAL, freepikVendor } from './errors';
import type { FreepikTask } from './task';
import { parseTask } from './task';

export interface PollSettings {
	/** First wait between polls. */
	intervalMs: number;
	/** Give up after this long since the task was created. */
	maxWaitMs: number;
}

/** Polls grow by half each time, up to four times the configured interval. */
export function nextPollDelayMs(intervalMs: number, poll: number): number {
	return Math.round(Math.min(intervalMs * 1.5 ** poll, intervalMs * 4));
}

/**
 * Waits for an IN_PROGRESS task with GET {endpoint}/{task_id} at growing intervals until it is
 * COMPLETED or FAILED, or the maximum wait is reached. Cancelling the execution ends the wait.
 */
export async function pollTask(
	ctx: IExecuteFunctions,
	itemIndex: number,
	endpointUrl: string,
	task: FreepikTask,
	settings: RequestSettings,
	poll: PollSettings,
): Promise<FreepikTask> {
	const started = Date.now();
	let current = task;
	for (let n = 0; current.status === 'IN_PROGRESS' || current.status === 'CREATED'; n++) {
		const elapsed = Date.now() - started;
		if (elapsed >= poll.maxWaitMs) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Freepik task ${task.taskId} did not complete within ${Math.round(poll.maxWaitMs / 1000)} s (last status ${current.status})`,
				{
					itemIndex,
					description: `The task may still finish: look it up with GET ${endpointUrl}/${task.taskId}, raise the Max Wait option, or set a Webhook URL to be notified instead of waiting.`,
				},
			);
		}
		await sleepUnlessCancelled(ctx, Math.min(nextPollDelayMs(poll.intervalMs, n), poll.maxWaitMs - elapsed), itemIndex);
		try {
			const response = await apiRequest(ctx, {
				credentialType: FREEPIK_CREDENTIAL,
				method: 'GET',
				url: `${endpointUrl}/${task.taskId}`,
				timeoutMs: settings.timeoutMs,
				retry: settings.retry,
				gate: settings.gate,
				vendor: freepikVendor,
				itemIndex,
			});
			current = parseTask(ctx, response.body, itemIndex, response.statusCode);
		} catch (error) {
			if (error instanceof NodeApiError && error.httpCode === '404') {
				throw new NodeApiError(ctx.getNode(), { message: error.message, httpCode: '404' }, {
					message: `This host does not offer status polling for Reimagine Flux tasks (GET .../${task.taskId} answered 404); task ${task.taskId} is still ${current.status}`,
					description:
						'Set a Webhook URL so Freepik notifies you when the task completes, or use a Base URL (credential) whose host supports polling.',
					httpCode: '404',
					itemIndex,
				});
			}
			throw asNodeError(ctx, error, itemIndex);
		}
	}
	return current;
}
