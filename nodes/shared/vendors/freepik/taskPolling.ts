import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiClient } from '../../http/apiClient';
import { waitForTask } from '../../http/taskPoller';
import { asNodeError } from '../../nodeErrors';
import type { FreepikTask } from './task';
import { parseTask } from './task';

const PENDING = new Set(['IN_PROGRESS', 'CREATED']);

/** Whether the task is still being worked on (IN_PROGRESS, or CREATED and not yet started). */
function isPending(task: FreepikTask): boolean {
	return PENDING.has(task.status);
}

/** The answer of a host that does not offer GET {path}/{task_id}: unverified upstream for this API. */
function pollingNotOffered(
	ctx: IExecuteFunctions,
	error: NodeApiError,
	task: FreepikTask,
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(
		ctx.getNode(),
		// NodeApiError takes its httpCode from here, the poll's own answer.
		{ message: error.message, httpCode: '404' },
		{
			message: `This host does not offer status polling for Reimagine Flux tasks (GET .../${task.id} answered 404); task ${task.id} is still ${task.status}`,
			description:
				'Set a Webhook URL so Freepik notifies you when the task completes, or use a Base URL (credential) whose host supports polling.',
			itemIndex,
		},
	);
}

/**
 * Waits for an unfinished Reimagine Flux task with GET {path}/{task_id} through the shared poller
 * until it is COMPLETED or FAILED, or Max Wait is reached.
 */
export async function waitForFreepikTask(
	ctx: IExecuteFunctions,
	itemIndex: number,
	api: ApiClient,
	path: string,
	task: FreepikTask,
	wait: { intervalMs: number; maxWaitMs: number },
): Promise<FreepikTask> {
	return await waitForTask(ctx, itemIndex, task, {
		vendorName: 'Freepik',
		...wait,
		isPending,
		async check(current) {
			try {
				const response = await api.get(`${path}/${current.id}`, itemIndex);
				return parseTask(ctx, response.body, itemIndex, response.statusCode);
			} catch (error) {
				if (error instanceof NodeApiError && error.httpCode === '404')
					throw pollingNotOffered(ctx, error, current, itemIndex);
				throw asNodeError(ctx, error, itemIndex);
			}
		},
		timeoutAdvice: () =>
			`look it up with GET ${api.baseUrl}${path}/${task.id}, raise the Max Wait option, or set a Webhook URL to be notified instead of waiting.`,
	});
}
