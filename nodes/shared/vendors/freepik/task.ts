import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidResponseError } from '../../http/vendorError';
import { asObject, asString } from '../../text';
import { freepikVendor } from './errors';

export interface FreepikTask {
	id: string;
	status: string;
	generated: string[];
	hasNsfw?: boolean[];
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
	return { id, status: status.toUpperCase(), generated, hasNsfw };
}
