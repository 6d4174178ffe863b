import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { HttpClient } from '../../shared/http/client';
import { taskTimeoutMessage } from '../../shared/http/taskPoller';
import type { OpenedRun } from '../../shared/run/runner';
import { runItems } from '../../shared/run/runner';
import type { FreepikTask, TaskModel } from '../transport/task';
import { isPending, parseTask, timeoutAdvice } from '../transport/task';
import type { TaskOutput } from './taskResult';
import { resultImages, taskOutputItems } from './taskResult';

// What both ends of a wait for Magnific's callbacks do with the items' tasks: the node before it
// waits (callbackWait.ts) and a callback once the execution is stored (callbackResume.ts) check
// every task with Magnific's task API, and, once all ended, make every item's output.

/** An item's task as kept for the callbacks. */
export interface WaitingTask extends TaskOutput {
	taskId: string;
	model: TaskModel;
}

/** What the waiting execution keeps for its callbacks. */
export interface CallbackWait {
	/** The tasks called back for, by item index. */
	tasks: Record<string, WaitingTask>;
	/** The output of items that ended before the wait (Continue On Fail error items), by item index. */
	ended: Record<string, INodeExecutionData[]>;
	itemCount: number;
	/** When Max Wait runs out, in ms since the epoch. */
	deadline: number;
	maxWaitSeconds: number;
}

/** Every item's task checked once, in item order; stops at the first still running unless `all`. */
export async function checkTasks(
	ctx: IExecuteFunctions,
	http: HttpClient,
	wait: CallbackWait,
	all: boolean,
): Promise<{ pending: boolean; tasks: Record<string, FreepikTask> }> {
	const tasks: Record<string, FreepikTask> = {};
	let pending = false;
	for (const [index, waiting] of Object.entries(wait.tasks)) {
		const itemIndex = Number(index);
		const response = await http.get(`${waiting.model.path}/${waiting.taskId}`, itemIndex);
		const task = parseTask(ctx, response.body, itemIndex, response.statusCode);
		tasks[index] = task;
		if (isPending(task)) {
			pending = true;
			if (!all) break;
		}
	}
	return { pending, tasks };
}

/** A task still running at Max Wait, in the words polling uses (one message for both). */
export function timeoutError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	baseUrl: string,
	wait: CallbackWait,
	waiting: WaitingTask,
	status: string,
): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		taskTimeoutMessage('Freepik', waiting.taskId, wait.maxWaitSeconds * 1000, status),
		{
			itemIndex,
			description: `The task may still finish: ${timeoutAdvice(baseUrl, waiting.model, { id: waiting.taskId })} With Completion "Wait for Webhook", also check that Magnific can reach n8n's WEBHOOK_URL.`,
		},
	);
}

/**
 * Every item's output once the tasks ended: the same items polling gives, in input order and
 * paired; a FAILED or timed-out task gives its error item (n8n resumed the node: it cannot fail).
 */
export async function finishItems(
	ctx: IExecuteFunctions,
	{ run, redactor }: OpenedRun,
	wait: CallbackWait,
	tasks: Record<string, FreepikTask>,
): Promise<INodeExecutionData[]> {
	const { http } = run;
	return await runItems(
		ctx,
		async (itemIndex) => {
			const waiting = wait.tasks[itemIndex];
			if (!waiting) return wait.ended[itemIndex] ?? [];
			const task = tasks[itemIndex];
			if (isPending(task))
				throw timeoutError(ctx, itemIndex, http.baseUrl, wait, waiting, task.status);
			const images = resultImages(ctx, itemIndex, task, waiting.model, waiting);
			const downloads = waiting.outputProperty
				? await http.downloadResults(
						images.map((image) => image.url),
						itemIndex,
						'Freepik',
					)
				: undefined;
			return await taskOutputItems(ctx, itemIndex, images, waiting, downloads);
		},
		run.settings.concurrency,
		redactor,
	);
}
