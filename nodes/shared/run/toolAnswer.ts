import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

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
