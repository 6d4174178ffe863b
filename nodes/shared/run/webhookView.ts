import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
} from 'n8n-workflow';

// When a waiting execution is called back, n8n runs only the waiting node's webhook(), with an
// IWebhookFunctions: no per-item parameters, no Continue On Fail, no cancel signal. The code that
// finishes an item (its status checked, its images downloaded and stored) is the same as when the
// node polls, written against IExecuteFunctions; this view gives it what it uses, from the
// callback's context. Every item's failure becomes an error item (`continueOnFail` is true): n8n
// resumes a node by taking what webhook() returns as its output, and a webhook() that throws
// resumes the execution with its earlier run data dropped, so an item cannot fail the node here.

/** The callback's context as the per-item code reads it, for `itemCount` items. */
export function webhookView(ctx: IWebhookFunctions, itemCount: number): IExecuteFunctions {
	const items: INodeExecutionData[] = Array.from({ length: itemCount }, () => ({ json: {} }));
	const view = {
		getNode: () => ctx.getNode(),
		getWorkflow: () => ctx.getWorkflow(),
		getMode: () => ctx.getMode(),
		getExecutionId: () => ctx.getExecutionId(),
		getCredentials: async (type: string) => await ctx.getCredentials(type),
		getInputData: () => items,
		// Per-item values were read and kept before the wait; what is read now (the Options) is the
		// same for every item.
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) =>
			ctx.getNodeParameter(name, fallback),
		evaluateExpression: (expression: string, itemIndex: number) =>
			ctx.evaluateExpression(expression, itemIndex),
		continueOnFail: () => true,
		getExecutionCancelSignal: () => undefined,
		logger: ctx.logger,
		helpers: ctx.helpers,
		getTimezone: () => ctx.getTimezone(),
	};
	return view as unknown as IExecuteFunctions;
}

/** The JSON of an expression's value, or undefined when it has none. */
export function expressionJson(
	ctx: IWebhookFunctions,
	expression: string,
): IDataObject | undefined {
	const text = ctx.evaluateExpression(`{{ JSON.stringify(${expression}) ?? "" }}`);
	return typeof text === 'string' && text ? (JSON.parse(text) as IDataObject) : undefined;
}
