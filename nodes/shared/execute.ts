import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { RequestSettings } from './options';
import { readRequestSettings } from './options';
import { runItems } from './runner/runItems';

/** One node's work: set-up once per execution, then one call per input item. */
export interface ImageOperation<State> {
	defaultTimeoutMs: number;
	prepare(ctx: IExecuteFunctions, settings: RequestSettings): Promise<State>;
	executeItem(
		ctx: IExecuteFunctions,
		itemIndex: number,
		state: State,
		settings: RequestSettings,
	): Promise<INodeExecutionData[]>;
}

/** The body of every node's execute(): read options, then run all items through the item runner. */
export async function executeImageOperation<State>(
	ctx: IExecuteFunctions,
	operation: ImageOperation<State>,
): Promise<INodeExecutionData[][]> {
	const settings = readRequestSettings(ctx, operation.defaultTimeoutMs);
	const state = await operation.prepare(ctx, settings);
	const items = await runItems(
		ctx,
		async (itemIndex) => await operation.executeItem(ctx, itemIndex, state, settings),
		settings.concurrency,
	);
	return [items];
}
