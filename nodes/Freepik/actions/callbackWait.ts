import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isPrivateHost, resumeUrl } from '../../shared/run/resumeUrl';
import type { OperationRouter } from '../../shared/run/runner';
import { openRun } from '../../shared/run/runner';
import { expressionJson } from '../../shared/run/webhookView';
import { FREEPIK_CREDENTIAL } from '../transport/api';
import type { FreepikTask, TaskModel } from '../transport/task';
import { taskJson } from '../transport/task';
import type { CallbackWait, WaitingTask } from './callbackTasks';
import { checkTasks, finishItems, timeoutError } from './callbackTasks';
import type { TaskOutput } from './taskResult';

// Completion "Wait for Webhook": every item's task is submitted with the execution's resume URL
// as its webhook_url, then n8n stores the execution and frees the worker (putExecutionToWait).
// What the callbacks need later is kept in the node's execution context, which n8n stores with
// the waiting execution and hands back to webhook() (through $node[…].context): each item's task,
// model and output choices, the items that already ended, and Max Wait's deadline. A callback
// trusts nothing it carries: the tasks are checked with Magnific's own task API, and the
// execution resumes, once, only when every task has ended (callbackResume.ts).

const CONTEXT_KEY = 'magnificCallbacks';

/**
 * n8n's own time resume comes this long after Max Wait, so that a callback arriving at Max Wait
 * still ends the wait with the tasks' results or their timeout errors.
 */
const TIME_RESUME_GRACE_MS = 15_000;

interface NodeMemory {
	/** Tasks submitted for a callback by this run's items, by task ID (until the wait begins). */
	submitted?: Record<string, Omit<WaitingTask, 'taskId'>>;
	wait?: CallbackWait;
}

/** The node's memory in the execution context; made on first use only (Poll leaves no trace). */
function memoryOf(ctx: IExecuteFunctions, create: true): NodeMemory;
function memoryOf(ctx: IExecuteFunctions, create: false): NodeMemory | undefined;
function memoryOf(ctx: IExecuteFunctions, create: boolean): NodeMemory | undefined {
	const context = ctx.getContext('node');
	if (create) context[CONTEXT_KEY] ??= {};
	return context[CONTEXT_KEY] as NodeMemory | undefined;
}

/** The wait the execution is in, read back from the node's context when a callback comes. */
export function callbackWaitOf(ctx: IWebhookFunctions): CallbackWait | undefined {
	const name = JSON.stringify(ctx.getNode().name);
	const memory = expressionJson(ctx, `$node[${name}].context[${JSON.stringify(CONTEXT_KEY)}]`);
	return (memory as NodeMemory | undefined)?.wait;
}

/**
 * The URL Magnific calls back: the execution's resume URL, once the credential has the secret
 * the callbacks are checked with and Magnific can plausibly reach the URL. Fails before any
 * request otherwise.
 */
export async function callbackUrl(
	ctx: IExecuteFunctions,
	itemIndex: number,
	baseUrl: string,
): Promise<string> {
	const credentials = await ctx.getCredentials(FREEPIK_CREDENTIAL.name);
	if (typeof credentials.webhookSecret !== 'string' || !credentials.webhookSecret.trim())
		throw new NodeOperationError(
			ctx.getNode(),
			'Completion "Wait for Webhook" needs the Webhook Secret in the Freepik (Magnific) credential',
			{
				itemIndex,
				description:
					"Copy the secret Magnific shows with your API key (User Dashboard → API keys) into the credential's Webhook Secret, so the node can tell Magnific's callbacks from forged ones; or set Completion to Poll.",
			},
		);
	const url = resumeUrl(ctx, itemIndex);
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new NodeOperationError(ctx.getNode(), 'n8n gave this execution no resume URL', {
			itemIndex,
			description: 'Set Completion to Poll: this n8n cannot put the execution to wait here.',
		});
	}
	if (isPrivateHost(parsed.hostname) && !isPrivateHost(new URL(baseUrl).hostname))
		throw new NodeOperationError(
			ctx.getNode(),
			`Magnific cannot call n8n back at ${parsed.origin}: it is a private or loopback address`,
			{
				itemIndex,
				description:
					'n8n builds the resume URL from its WEBHOOK_URL setting. Set WEBHOOK_URL to the public address n8n is reached at from the internet (e.g. https://n8n.example.com/), or set Completion to Poll. Nothing was submitted or paid for.',
			},
		);
	return url;
}

/** The item's pending task as its output before the wait, kept for the callbacks. */
export function awaitCallback(
	ctx: IExecuteFunctions,
	itemIndex: number,
	task: FreepikTask,
	model: TaskModel,
	output: TaskOutput,
): INodeExecutionData[] {
	const memory = memoryOf(ctx, true);
	memory.submitted ??= {};
	memory.submitted[task.id] = { model, ...output };
	return [{ json: { ...taskJson(task, model), ...output.json }, pairedItem: { item: itemIndex } }];
}

function itemIndexOf(item: INodeExecutionData): number {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : (paired?.item ?? 0);
}

/** What n8n outputs if it resumes the execution on time (Max Wait passed with no callback). */
function timeoutItems(
	ctx: IExecuteFunctions,
	baseUrl: string,
	wait: CallbackWait,
	tasks: Record<string, FreepikTask>,
): INodeExecutionData[] {
	const items: INodeExecutionData[] = [];
	for (let index = 0; index < wait.itemCount; index++) {
		const waiting = wait.tasks[index];
		if (!waiting) {
			items.push(...(wait.ended[index] ?? []));
			continue;
		}
		const error = timeoutError(
			ctx,
			index,
			baseUrl,
			wait,
			waiting,
			tasks[index]?.status ?? 'CREATED',
		);
		const json: IDataObject = {
			...taskJson(
				{ id: waiting.taskId, status: tasks[index]?.status ?? 'CREATED', generated: [] },
				waiting.model,
			),
			...waiting.json,
			error: error.message,
			description: error.description ?? '',
		};
		items.push({ json, pairedItem: { item: index } });
	}
	return items;
}

/**
 * The end of a run with Completion "Wait for Webhook": when items submitted tasks for a
 * callback, the execution waits for them (or finishes now if they all ended already: a callback
 * that came while the run went on was refused by n8n). Otherwise the output as it is.
 */
export async function waitForCallbacks(
	ctx: IExecuteFunctions,
	output: INodeExecutionData[][],
	router: OperationRouter,
): Promise<INodeExecutionData[][]> {
	const memory = memoryOf(ctx, false);
	if (!memory?.submitted) return output;
	const { submitted } = memory;
	memory.submitted = {};
	const wait: CallbackWait = {
		tasks: {},
		ended: {},
		itemCount: ctx.getInputData().length,
		deadline: 0,
		maxWaitSeconds: 0,
	};
	for (const item of output[0] ?? []) {
		const index = itemIndexOf(item);
		const taskId = item.json.task_id;
		const kept = typeof taskId === 'string' && !item.json.error ? submitted[taskId] : undefined;
		if (kept) wait.tasks[index] = { taskId: taskId as string, ...kept };
		else (wait.ended[index] ??= []).push(item);
	}
	if (Object.keys(wait.tasks).length === 0) return output;

	const opened = await openRun(ctx, router);
	const maxWaitSeconds = Number(opened.run.options.maxWaitSeconds);
	wait.maxWaitSeconds = maxWaitSeconds;
	wait.deadline = Date.now() + maxWaitSeconds * 1000;
	let checked: Awaited<ReturnType<typeof checkTasks>>;
	try {
		checked = await checkTasks(ctx, opened.run.http, wait, false);
	} catch {
		// This check only spares a wait; the tasks are paid for and each callback checks them again.
		checked = { pending: true, tasks: {} };
	}
	if (!checked.pending) return [await finishItems(ctx, opened, wait, checked.tasks)];

	memory.wait = wait;
	// On a time resume n8n runs no node code: it outputs the node's input as it stands. The input
	// becomes each item's timeout error, so nothing flows on as if it were a result.
	const executeData = ctx.getExecuteData();
	executeData.data = {
		...executeData.data,
		main: [timeoutItems(ctx, opened.run.http.baseUrl, wait, checked.tasks)],
	};
	await ctx.putExecutionToWait(new Date(wait.deadline + TIME_RESUME_GRACE_MS));
	return output;
}
