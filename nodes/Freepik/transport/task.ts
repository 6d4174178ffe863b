import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TaskPolling } from '../../shared/http/taskPoller';
import { invalidResponseError } from '../../shared/http/vendorError';
import type { GeneratedImageUrl } from '../../shared/image/resultDownloads';
import { asObject, asString } from '../../shared/text';
import { freepikVendor } from './api';

// A Freepik task: its answer read, its status waited for, its images once finished.

export interface FreepikTask {
	id: string;
	status: string;
	generated: string[];
	hasNsfw?: boolean[];
	/** Why a FAILED task failed, when the answer says. */
	reason?: string;
}

/** The model a task belongs to: its name in output items and messages, and where it is polled. */
export interface TaskModel {
	/** Magnific's name, as its path gives it, e.g. "reimagine-flux". */
	model: string;
	displayName: string;
	path: string;
}

/** Reads a task body, with or without the documented `data` wrapper. */
export function parseTask(
	ctx: IExecuteFunctions,
	body: unknown,
	itemIndex: number,
	statusCode = 200,
): FreepikTask {
	const outer = asObject(body);
	const task = outer.data !== undefined ? asObject(outer.data) : outer;
	const id = asString(task.task_id);
	const status = asString(task.status);
	if (!id || !status) {
		const problem =
			typeof body === 'string' ? 'the body is not JSON' : 'it has no task_id or status';
		throw invalidResponseError(ctx, freepikVendor, problem, itemIndex, statusCode);
	}
	const generated = Array.isArray(task.generated)
		? task.generated.filter((u): u is string => typeof u === 'string')
		: [];
	const hasNsfw = Array.isArray(task.has_nsfw) ? task.has_nsfw.map(Boolean) : undefined;
	// The pages list the statuses but name no field for a failure's reason: the fields an error
	// answer of this API carries are read when a FAILED task has them.
	const reason = asString(task.error) ?? asString(task.message) ?? asString(task.reason);
	return {
		id,
		status: status.toUpperCase(),
		generated,
		hasNsfw,
		...(reason ? { reason } : {}),
	};
}

const PENDING = new Set(['IN_PROGRESS', 'CREATED']);

/** Whether the task is still being worked on (IN_PROGRESS, or CREATED and not yet started). */
export function isPending(task: FreepikTask): boolean {
	return PENDING.has(task.status);
}

/** The answer of a host that does not offer GET {path}/{task_id}: unverified upstream for this API. */
function pollingNotOffered(
	ctx: IExecuteFunctions,
	error: NodeApiError,
	task: FreepikTask,
	itemIndex: number,
	model: TaskModel,
): NodeApiError {
	return new NodeApiError(
		ctx.getNode(),
		// NodeApiError takes its httpCode from here, the poll's own answer.
		{ message: error.message, httpCode: '404' },
		{
			message: `This host does not offer status polling for ${model.displayName} tasks (GET .../${task.id} answered 404); task ${task.id} is still ${task.status}`,
			description:
				'Set a Webhook URL so Freepik notifies you when the task completes, or use a Base URL (credential) whose host supports polling.',
			itemIndex,
		},
	);
}

/**
 * How the run's client waits for an unfinished task: GET {path}/{task_id} until it is COMPLETED or
 * FAILED, or Max Wait is reached.
 */
export function freepikPolling(
	ctx: IExecuteFunctions,
	itemIndex: number,
	baseUrl: string,
	model: TaskModel,
	wait: { intervalMs: number; maxWaitMs: number },
): TaskPolling<FreepikTask> {
	const { path } = model;
	return {
		vendorName: 'Freepik',
		...wait,
		path: (task) => `${path}/${task.id}`,
		read: (body, statusCode) => parseTask(ctx, body, itemIndex, statusCode),
		isPending,
		explainFailure: (error, task) =>
			error instanceof NodeApiError && error.httpCode === '404'
				? pollingNotOffered(ctx, error, task, itemIndex, model)
				: undefined,
		timeoutAdvice: (task) => timeoutAdvice(baseUrl, model, task),
	};
}

/** What the user can do about a task still running at Max Wait. */
export function timeoutAdvice(baseUrl: string, model: TaskModel, task: { id: string }): string {
	return `look it up with GET ${baseUrl}${model.path}/${task.id}, raise the Max Wait option, or set a Webhook URL to be notified instead of waiting.`;
}

/** What every item of a task carries. */
export function taskJson(task: FreepikTask, model: TaskModel): IDataObject {
	return { model: model.model, task_id: task.id, status: task.status };
}

function taskFailed(
	ctx: IExecuteFunctions,
	task: FreepikTask,
	itemIndex: number,
	model: TaskModel,
): NodeApiError {
	return new NodeApiError(
		ctx.getNode(),
		{ message: task.reason ?? 'task failed', task_id: task.id },
		{
			message: `Freepik ${model.displayName} task ${task.id} FAILED${task.reason ? `: ${task.reason}` : ''}`,
			description:
				'Magnific could not generate the image. Try again, or change the images or prompt. Quote the task ID to Magnific support if it keeps failing.',
			itemIndex,
		},
	);
}

/** A finished task's images, or the reason there are none. */
export function completedImages(
	ctx: IExecuteFunctions,
	task: FreepikTask,
	itemIndex: number,
	model: TaskModel,
): GeneratedImageUrl[] {
	if (task.status === 'FAILED') throw taskFailed(ctx, task, itemIndex, model);
	if (task.status !== 'COMPLETED' || task.generated.length === 0) {
		throw new NodeApiError(
			ctx.getNode(),
			{ message: `unexpected status ${task.status}`, task_id: task.id },
			{
				message: `Freepik task ${task.id} ended with status ${task.status} and ${task.generated.length} images`,
				description: 'The API answered outside its documentation. Try again.',
				itemIndex,
			},
		);
	}
	return task.generated.map((url, n) => ({
		url,
		json: {
			...taskJson(task, model),
			index: n,
			...(task.hasNsfw?.[n] !== undefined ? { has_nsfw: task.hasNsfw[n] } : {}),
		},
	}));
}
