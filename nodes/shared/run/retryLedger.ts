import type {
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

// n8n's Retry On Fail (a node setting) runs execute() again, on the same input, when a try threw
// or its first output item is an error item. Without a memory, every item a failed try had
// already paid for would be generated and paid again. The ledger is that memory: what a try got
// for each item (its output, the task the vendor accepted, a paid request whose outcome is
// unknown), handed from a failed try to the next try of the same node in the same execution and
// taken from there at its start. Nothing else is kept: not after a try that ends well, not after
// the last try, and a ledger no try came back for is dropped after MAX_AGE_MS (n8n waits at most
// 5 s between tries). n8n runs every try of a node in the process that runs the execution (in
// queue mode, one worker), so a module-level map is where the next try finds it.

interface ItemRecord {
	output?: INodeExecutionData[];
	task?: unknown;
	unknownOutcome?: NodeApiError | NodeOperationError;
}

interface Entry {
	items: Map<number, ItemRecord>;
	tries: number;
	inputCount: number;
	keptAt: number;
}

/** Ledgers of failed tries, waiting for their node's next try. */
const waiting = new Map<string, Entry>();

const MAX_AGE_MS = 10 * 60_000;

/** How often n8n tries a node with Retry On Fail (its own bounds), or 1 without. */
function maxTries(ctx: IExecuteFunctions): number {
	const node = ctx.getNode();
	return node.retryOnFail === true ? Math.min(5, Math.max(2, node.maxTries || 3)) : 1;
}

function sweep(now: number) {
	for (const [key, entry] of waiting) if (now - entry.keptAt > MAX_AGE_MS) waiting.delete(key);
}

export class RetryLedger {
	private constructor(
		private readonly key: string | undefined,
		private readonly entry: Entry,
	) {}

	/** The ledger of this try: the one a failed try of this node left, or a new one. */
	static open(ctx: IExecuteFunctions): RetryLedger {
		const now = Date.now();
		sweep(now);
		const inputCount = ctx.getInputData().length;
		const executionId = ctx.getExecutionId?.();
		const key = executionId ? `${executionId}\u0000${ctx.getNode().name}` : undefined;
		const left = key ? waiting.get(key) : undefined;
		if (key) waiting.delete(key);
		const entry =
			left && left.inputCount === inputCount
				? left
				: { items: new Map<number, ItemRecord>(), tries: 0, inputCount, keptAt: now };
		entry.tries++;
		return new RetryLedger(key, entry);
	}

	private record(itemIndex: number): ItemRecord {
		let record = this.entry.items.get(itemIndex);
		if (!record) {
			record = {};
			this.entry.items.set(itemIndex, record);
		}
		return record;
	}

	/** The output an earlier try got for the item (already paid for), if it finished. */
	finished(itemIndex: number): INodeExecutionData[] | undefined {
		return this.entry.items.get(itemIndex)?.output;
	}

	/** The task the vendor accepted for the item in an earlier try: poll it, do not submit again. */
	acceptedTask<T>(itemIndex: number): T | undefined {
		return this.entry.items.get(itemIndex)?.task as T | undefined;
	}

	/** The error of an earlier try's paid request whose outcome is unknown (it may have been charged). */
	unknownOutcome(itemIndex: number): NodeApiError | NodeOperationError | undefined {
		return this.entry.items.get(itemIndex)?.unknownOutcome;
	}

	recordFinished(itemIndex: number, output: INodeExecutionData[]): void {
		this.record(itemIndex).output = output;
	}

	recordTask(itemIndex: number, task: unknown): void {
		this.record(itemIndex).task = task;
	}

	recordUnknownOutcome(itemIndex: number, error: NodeApiError | NodeOperationError): void {
		this.record(itemIndex).unknownOutcome = error;
	}

	/**
	 * Ends this try: when n8n will try the node again (it threw, or its first item is an error
	 * item, and tries are left), the ledger waits for that try; otherwise it is dropped.
	 */
	close(ctx: IExecuteFunctions, failed: boolean): void {
		if (!this.key || !failed || this.entry.tries >= maxTries(ctx)) return;
		this.entry.keptAt = Date.now();
		waiting.set(this.key, this.entry);
	}
}

/** How many failed tries are waiting for their next try in this process (for tests). */
export function waitingLedgers(): number {
	return waiting.size;
}
