import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { PolledTask, TaskPolling } from '../../shared/http/taskPoller';
import { invalidResponseError } from '../../shared/http/vendorError';
import { asObject, asString } from '../../shared/text';
import { novitaVendor } from './api';

// Novita's asynchronous tasks: GET /v3/async/task-result?task_id=… until the task succeeds or fails.

export const TASK_RESULT_PATH = '/v3/async/task-result';

export interface NovitaTaskImage {
	url: string;
	/** Seconds the URL stays valid. */
	ttl?: number;
	type?: string;
}

export interface NovitaTask extends PolledTask {
	reason?: string;
	images: NovitaTaskImage[];
	/** The seed used, as Novita gives it (a number, or a number as text). */
	seed?: number | string;
}

/**
 * Statuses the poller waits through. TASK_STATUS_UNKNOWN (in Novita's SDK, not on its reference
 * page) is a status Novita could not tell yet: waited through as well, so it ends as the task
 * ends, or at Max Wait with the task ID and its last status.
 */
const PENDING = new Set(['TASK_STATUS_QUEUED', 'TASK_STATUS_PROCESSING', 'TASK_STATUS_UNKNOWN']);

export function isPending(task: NovitaTask): boolean {
	return PENDING.has(task.status);
}

/** A task_id answer of the submit call: the task, queued. */
export function submittedTask(
	ctx: IExecuteFunctions,
	body: unknown,
	itemIndex: number,
	statusCode: number,
): NovitaTask {
	const id = asString(asObject(body).task_id);
	if (!id) {
		const problem = typeof body === 'string' ? 'the body is not JSON' : 'it has no task_id';
		throw invalidResponseError(ctx, novitaVendor, problem, itemIndex, statusCode);
	}
	return { id, status: 'TASK_STATUS_QUEUED', images: [] };
}

function parseTaskResult(
	ctx: IExecuteFunctions,
	body: unknown,
	itemIndex: number,
	statusCode: number,
): NovitaTask {
	const answer = asObject(body);
	const task = asObject(answer.task);
	const id = asString(task.task_id);
	const status = asString(task.status);
	if (!id || !status) {
		const problem =
			typeof body === 'string' ? 'the body is not JSON' : 'it has no task.task_id and task.status';
		throw invalidResponseError(ctx, novitaVendor, problem, itemIndex, statusCode);
	}
	const images = (Array.isArray(answer.images) ? answer.images : []).flatMap((raw: unknown) => {
		const image = asObject(raw);
		const url = asString(image.image_url);
		if (!url) return [];
		return [
			{
				url,
				...(typeof image.image_url_ttl === 'number' ? { ttl: image.image_url_ttl } : {}),
				...(asString(image.image_type) ? { type: asString(image.image_type) } : {}),
			},
		];
	});
	const seed = asObject(answer.extra).seed;
	return {
		id,
		status,
		images,
		...(asString(task.reason) ? { reason: asString(task.reason) } : {}),
		...(typeof seed === 'number' || typeof seed === 'string' ? { seed } : {}),
	};
}

export function resultPath(taskId: string): string {
	return `${TASK_RESULT_PATH}?task_id=${encodeURIComponent(taskId)}`;
}

/** How the run's client waits for a Novita task (HttpClient.poll: gate, retries and cancellation included). */
export function novitaPolling(
	ctx: IExecuteFunctions,
	itemIndex: number,
	baseUrl: string,
	wait: { intervalMs: number; maxWaitMs: number },
): TaskPolling<NovitaTask> {
	return {
		vendorName: 'Novita',
		...wait,
		path: (task) => resultPath(task.id),
		read: (body, statusCode) => parseTaskResult(ctx, body, itemIndex, statusCode),
		isPending,
		timeoutAdvice: (task) =>
			`look it up with GET ${baseUrl}${resultPath(task.id)}, or raise the Max Wait option.`,
	};
}

/** A finished task's images, or the error that says why there are none. */
export function finishedImages(
	ctx: IExecuteFunctions,
	task: NovitaTask,
	itemIndex: number,
): NovitaTaskImage[] {
	if (task.status === 'TASK_STATUS_SUCCEED' && task.images.length > 0) return task.images;
	const failed = task.status === 'TASK_STATUS_FAILED';
	const reason = task.reason ?? 'no reason given';
	throw new NodeApiError(
		ctx.getNode(),
		{ message: reason, task_id: task.id, status: task.status },
		{
			message: failed
				? `Novita task ${task.id} failed: ${reason}`
				: `Novita task ${task.id} ended with status ${task.status} and ${task.images.length} images`,
			description: failed
				? 'Novita could not edit the image. Try again, or change the image or the prompt; quote the task ID to Novita support if it keeps failing.'
				: 'The API answered outside its documentation. Try again.',
			itemIndex,
		},
	);
}
