import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { cancelledError } from '../cancellation';
import type { HttpClient } from '../http/client';
import { createHttpClient } from '../http/client';
import type { VendorAdapter } from '../http/vendorError';
import { asNodeError } from '../nodeErrors';
import { bindRedactor, Redactor, secretValues } from '../redaction';
import type { OperationChoice } from './operationChoice';
import { chosenValue } from './operationChoice';
import type { OptionSpecs, OptionValues } from './optionSpecs';
import type { RequestSettings } from './options';
import { readRunOptions } from './options';
import { resumeSecrets } from './resumeUrl';
import { RetryLedger } from './retryLedger';

// The one runner of every node: the node's execute() hands it its operations, it reads the
// options and the credential once, binds the run's HTTP client and redactor, and runs the chosen
// operation's per-item execute over the items (concurrency, order, pairing, Continue On Fail,
// cancellation), answering an AI agent with the fields it can use.

/** What one item of a run gets: the run's HTTP client, the shared settings, the node's own options. */
export interface OperationRun<T extends OptionSpecs = OptionSpecs> {
	http: HttpClient;
	settings: RequestSettings;
	options: OptionValues<T>;
	/**
	 * What earlier tries of this node in this execution (n8n's Retry On Fail) got: an async
	 * operation records the task the vendor accepted, and polls a recorded one instead of submitting.
	 */
	ledger: RetryLedger;
}

/** One node's work against one vendor API: declared once, its execute run once per input item. */
export interface ImageOperation<T extends OptionSpecs = OptionSpecs> {
	/** The credential the node uses (its vendor's declaration); its password fields are redacted from all the node emits. */
	credential: ICredentialType;
	vendor: VendorAdapter;
	defaultTimeoutMs: number;
	/** The node's own entries of the Options collection (the shared ones are added). */
	nodeOptions: T;
	/** The API's base URL from the credential, checked, without a trailing slash. */
	baseUrl(ctx: IExecuteFunctions, credentials: ICredentialDataDecryptedObject): string;
	execute(
		ctx: IExecuteFunctions,
		itemIndex: number,
		run: OperationRun<T>,
	): Promise<INodeExecutionData[]>;
}

/** A node with several operations: the dropdown that chooses, and the operation of each value. */
export interface OperationRouter<K extends string = string> {
	choice: OperationChoice<K>;
	operations: Record<K, ImageOperation<OptionSpecs>>;
}

/**
 * What an AI agent gets of each output item, in this order. n8n hands a tool's agent only the
 * items' JSON (binary output is dropped, n8n-io/n8n#38357), so this is all it can act on: where
 * the image is and until when, what it is, and what made it; the rest (attempts, request ids,
 * token usage) would only spend the model's context.
 */
export const TOOL_ANSWER_FIELDS = [
	'url',
	'urlExpiresAt',
	'fileName',
	'mimeType',
	'fileSize',
	'width',
	'height',
	'model',
	'task_id',
	'status',
	'seed',
	'revised_prompt',
	'inputImages',
	'mask',
	'webhook_url',
	'error',
	'description',
] as const;

/** Whether n8n runs the node as an agent's tool: it does so as the "<name>Tool" variant of its type. */
export function runsAsTool(ctx: IExecuteFunctions): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

/** An output item as a tool answers it: the agent's fields only, no binary (n8n would drop it). */
export function toolAnswerItem(item: INodeExecutionData): INodeExecutionData {
	const json: IDataObject = {};
	for (const field of TOOL_ANSWER_FIELDS) {
		if (item.json[field] !== undefined) json[field] = item.json[field];
	}
	return { json, pairedItem: item.pairedItem };
}

/** The error item continueOnFail() asks for: what went wrong and what to do, paired to its input. */
function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	return {
		json: {
			error: error.message,
			...(error.description ? { description: error.description } : {}),
			...(error instanceof NodeApiError && error.httpCode ? { httpCode: error.httpCode } : {}),
			...(typeof error.context.vendorCode === 'string' ? { code: error.context.vendorCode } : {}),
		},
		pairedItem: { item: itemIndex },
	};
}

export type ItemOperation = (itemIndex: number) => Promise<INodeExecutionData[]>;

/**
 * Runs a per-item operation over all input items with at most `concurrency` in flight, keeping
 * output in input order. Every item and error leaves through `redactor`, so no secret of the
 * credential reaches the output, the run data or an error, whatever a server echoed. With
 * continueOnFail() a failing item becomes an error item and the rest go on; without it, no new
 * item starts after the first failure and that error is thrown once the items already in flight
 * have settled. A cancelled execution stops scheduling at once.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	operation: ItemOperation,
	concurrency: number,
	redactor: Redactor,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const results: INodeExecutionData[][] = new Array(count);
	const continueOnFail = ctx.continueOnFail();
	const signal = ctx.getExecutionCancelSignal();
	let next = 0;
	const failures: Array<{ itemIndex: number; error: NodeApiError | NodeOperationError }> = [];

	const worker = async () => {
		while (next < count && failures.length === 0 && !signal?.aborted) {
			const itemIndex = next++;
			try {
				results[itemIndex] = (await operation(itemIndex)).map((item) => redactor.item(item));
			} catch (error) {
				const nodeError = redactor.error(asNodeError(ctx, error, itemIndex));
				if (continueOnFail && !signal?.aborted) {
					results[itemIndex] = [errorItem(nodeError, itemIndex)];
				} else {
					failures.push({ itemIndex, error: nodeError });
				}
			}
		}
	};

	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));

	if (failures.length > 0) {
		// Report the lowest failing item, whatever order the concurrent calls finished in.
		throw failures.reduce((a, b) => (b.itemIndex < a.itemIndex ? b : a)).error;
	}
	if (signal?.aborted) throw cancelledError(ctx);
	return results.flat();
}

function chosenOperation(
	ctx: IExecuteFunctions,
	node: ImageOperation | OperationRouter,
): ImageOperation<OptionSpecs> {
	if (!('choice' in node)) return node as ImageOperation<OptionSpecs>;
	return node.operations[chosenValue(ctx, node.choice)];
}

/** A run opened on a context: the chosen operation, and what each of its items gets. */
export interface OpenedRun {
	operation: ImageOperation<OptionSpecs>;
	run: OperationRun;
	redactor: Redactor;
}

/**
 * The chosen operation (the node's dropdown, or its only one), its options and credential read
 * once, the run's redactor bound (the credential's password fields and the execution's resume
 * token are secrets) and its HTTP client made. Also opened on a resumed execution's callback.
 */
export async function openRun(
	ctx: IExecuteFunctions,
	node: ImageOperation | OperationRouter,
): Promise<OpenedRun> {
	const operation = chosenOperation(ctx, node);
	const { settings, options } = readRunOptions(
		ctx,
		operation.defaultTimeoutMs,
		operation.nodeOptions,
	);
	const credentials = await ctx.getCredentials(operation.credential.name);
	// What the credential declares secret (typeOptions.password) is redacted from all the run emits.
	const redactor = bindRedactor(
		ctx,
		new Redactor([
			...secretValues(operation.credential.properties, credentials),
			...resumeSecrets(ctx),
		]),
	);
	let baseUrl: string;
	try {
		baseUrl = operation.baseUrl(ctx, credentials);
	} catch (error) {
		// A key pasted into the Base URL field would otherwise be quoted back.
		throw redactor.error(asNodeError(ctx, error, 0));
	}
	const http = createHttpClient(ctx, {
		credentialType: operation.credential.name,
		baseUrl,
		vendor: operation.vendor,
		timeoutMs: settings.timeoutMs,
		retry: settings.retry,
		concurrency: settings.concurrency,
		maxDownloadBytes: settings.maxDownloadBytes,
	});
	const ledger = RetryLedger.open(ctx);
	return { operation, redactor, run: { http, settings, options, ledger } };
}

/** The body of every node's execute(): the run opened, then the operation's execute for every item. */
export async function runImageNode(
	ctx: IExecuteFunctions,
	node: ImageOperation | OperationRouter,
): Promise<INodeExecutionData[][]> {
	const { operation, run, redactor } = await openRun(ctx, node);
	const { ledger, settings } = run;
	let items: INodeExecutionData[] = [];
	let failed = true;
	try {
		items = await runItems(
			ctx,
			async (itemIndex) => await paidOnce(ctx, itemIndex, operation, run),
			settings.concurrency,
			redactor,
		);
		// n8n tries the node again when its first item is an error item, as when it threw.
		failed = items[0]?.json.error !== undefined;
	} finally {
		ledger.close(ctx, failed);
	}
	return [runsAsTool(ctx) ? items.map(toolAnswerItem) : items];
}

/**
 * One item, paid for at most once across n8n's tries of the node: an item an earlier try finished
 * is output as it was; one whose paid request may have been taken fails again the same way (unless
 * Resend Paid Requests is on); any other is run, and what it got is recorded for the next try.
 */
async function paidOnce(
	ctx: IExecuteFunctions,
	itemIndex: number,
	operation: ImageOperation,
	run: OperationRun,
): Promise<INodeExecutionData[]> {
	const { ledger } = run;
	const finished = ledger.finished(itemIndex);
	if (finished) return finished;
	const unknown = ledger.unknownOutcome(itemIndex);
	if (unknown && !run.settings.retry.resendPaid) throw unknown;
	try {
		const output = await operation.execute(ctx, itemIndex, run);
		ledger.recordFinished(itemIndex, output);
		return output;
	} catch (error) {
		const nodeError = asNodeError(ctx, error, itemIndex);
		if (nodeError.context.paidOutcome === 'unknown')
			ledger.recordUnknownOutcome(itemIndex, nodeError);
		throw nodeError;
	}
}
