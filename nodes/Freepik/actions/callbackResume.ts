import type {
	IDataObject,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { OpenedRun, OperationRouter } from '../../shared/run/runner';
import { openRun } from '../../shared/run/runner';
import { webhookView } from '../../shared/run/webhookView';
import { FREEPIK_CREDENTIAL } from '../transport/api';
import type { SignedCall } from '../transport/webhookSignature';
import { verifySignature } from '../transport/webhookSignature';
import { checkTasks, finishItems } from './callbackTasks';
import { callbackWaitOf } from './callbackWait';

// A call to the waiting execution's resume URL (n8n runs the node's webhook() for it). Only a
// call signed with the credential's Webhook Secret is looked at; even then it says only "look
// again": every task is checked with Magnific's task API. While a task still runs the call is
// answered 200 and n8n keeps the execution waiting (a webhook() that returns no workflowData
// does not resume it); once every task ended, or Max Wait passed, the items' output is returned
// and the execution goes on, once. A forged or replayed call changes nothing.

/**
 * The node's one webhook: a waiting execution's resume URL (`restartWebhook`), called by Magnific
 * when a task ends, as n8n's Wait node and send-and-wait operations declare theirs. It is given to
 * Magnific per task in the submit, never registered with it: there is no webhook on Magnific's
 * side to create, check or delete (webhookMethods), unlike a trigger's.
 */
export const CALLBACK_WEBHOOKS: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		path: '',
		restartWebhook: true,
		isFullPath: true,
	},
];

/**
 * Executions this process is resuming, by ID, since when. Two callbacks that both find every task
 * ended would otherwise both resume the execution (n8n marks it running only after webhook()
 * returned, and finishing the items takes seconds): the later one is answered and changes nothing.
 * Kept a while after the resume, until n8n has marked the execution running.
 */
const resuming = new Map<string, number>();
const RESUMING_KEPT_MS = 10 * 60_000;

/** Claims the execution's resume for this call; false when another call of this process has it. */
function claimResume(executionId: string): boolean {
	const now = Date.now();
	for (const [id, since] of resuming) if (now - since > RESUMING_KEPT_MS) resuming.delete(id);
	if (resuming.has(executionId)) return false;
	resuming.set(executionId, now);
	return true;
}

function header(ctx: IWebhookFunctions, name: string): string | undefined {
	const value = ctx.getHeaderData()[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The call as signed: its headers and its body exactly as received. */
function signedCall(ctx: IWebhookFunctions): SignedCall {
	const request = ctx.getRequestObject() as { rawBody?: Buffer };
	return {
		id: header(ctx, 'webhook-id'),
		timestamp: header(ctx, 'webhook-timestamp'),
		signature: header(ctx, 'webhook-signature'),
		rawBody: request.rawBody ? request.rawBody.toString('utf8') : JSON.stringify(ctx.getBodyData()),
	};
}

function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/** One call to the resume URL; never throws (see resumeOnCallback). */
async function handleCallback(
	ctx: IWebhookFunctions,
	router: OperationRouter,
	opened: { run?: OpenedRun },
): Promise<IWebhookResponseData> {
	const wait = callbackWaitOf(ctx);
	// Nothing of ours is waiting (the wait was not stored): the call is acknowledged and changes nothing.
	if (!wait) return answer(ctx, 200, { received: true });
	const credentials = await ctx.getCredentials(FREEPIK_CREDENTIAL.name);
	const check = verifySignature(
		String(credentials.webhookSecret ?? ''),
		signedCall(ctx),
		Date.now(),
	);
	if (!check.valid)
		return answer(ctx, 401, { error: `Invalid webhook signature: ${check.reason}` });

	const view = webhookView(ctx, wait.itemCount);
	const run = await openRun(view, router);
	opened.run = run;
	const pastMaxWait = Date.now() >= wait.deadline;
	const checked = await checkTasks(view, run.run.http, wait, pastMaxWait);
	if (checked.pending && !pastMaxWait) return answer(ctx, 200, { received: true, waiting: true });
	if (!claimResume(ctx.getExecutionId()))
		return answer(ctx, 200, { received: true, resuming: true });
	let items;
	try {
		items = await finishItems(view, run, wait, checked.tasks);
	} finally {
		// Not resumed after all: a later call may do it.
		if (!items) resuming.delete(ctx.getExecutionId());
	}
	return { workflowData: [items] };
}

/**
 * n8n's webhook() of the node for a waiting execution. Whatever fails here (Magnific's task API
 * unreachable, say) is answered 503 and the execution keeps waiting for the next call or Max
 * Wait: thrown, n8n would resume the execution with its earlier run data dropped.
 */
export async function resumeOnCallback(
	ctx: IWebhookFunctions,
	router: OperationRouter,
): Promise<IWebhookResponseData> {
	const opened: { run?: OpenedRun } = {};
	try {
		return await handleCallback(ctx, router, opened);
	} catch (error) {
		const text = error instanceof Error ? error.message : String(error);
		const message = opened.run
			? opened.run.redactor.text(text)
			: 'the credential or the wait could not be read';
		ctx.logger.warn(`Magnific callback not handled, the execution keeps waiting: ${message}`);
		return answer(ctx, 503, { error: `Could not check the tasks: ${message}` });
	}
}
