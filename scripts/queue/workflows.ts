// The workflows queue mode is tried with, started as production ones are: by a Webhook.
import { randomUUID } from 'node:crypto';

import type { ExampleWorkflow } from '../sandbox';

export type WorkflowNode = ExampleWorkflow['nodes'][number] & {
	id?: string;
	position?: number[];
	[key: string]: unknown;
};

/** A POST Webhook at `path` that answers when the last node is done, with `responseData`. */
function webhook(path: string, responseData: string, options: object): WorkflowNode {
	return {
		id: 'hook',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData, options },
	} as WorkflowNode;
}

/** HTTP Request downloading each item's `url` into binary `data`. */
function readImage(): WorkflowNode {
	return {
		id: 'read',
		name: 'Read Image',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [0, 0],
		parameters: {
			url: '={{ $json.url }}',
			options: { response: { response: { responseFormat: 'file' } } },
		},
	} as WorkflowNode;
}

function chain(id: string, name: string, given: WorkflowNode[]): ExampleWorkflow {
	const connections: Record<string, unknown> = {};
	const nodes = given.map((node, index) => ({ ...node, position: [index * 220, 0] }));
	nodes.forEach((node, index) => {
		if (index > 0)
			connections[nodes[index - 1].name] = {
				main: [[{ node: node.name, type: 'main', index: 0 }]],
			};
	});
	return {
		id,
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
	} as unknown as ExampleWorkflow;
}

/** Webhook (the image as the request body, into binary `data`) → `node`; answers with its items. */
export function singleImageWorkflow(
	id: string,
	path: string,
	node: WorkflowNode,
	responseData = 'allEntries',
): ExampleWorkflow {
	return chain(id, `Queue: one image (${path})`, [
		webhook(path, responseData, { binaryPropertyName: 'data' }),
		node,
	]);
}

/** Webhook (`{items: [{url}]}`) → Split Out → Read Image (into binary `data`) → `node`. */
export function batchWorkflow(
	id: string,
	path: string,
	node: WorkflowNode,
	responseData = 'allEntries',
): ExampleWorkflow {
	return chain(id, `Queue: a batch (${path})`, [
		webhook(path, responseData, {}),
		{
			id: 'split',
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [0, 0],
			parameters: { fieldToSplitOut: 'body.items', options: {} },
		} as WorkflowNode,
		readImage(),
		node,
	]);
}

/**
 * A scheduled batch, as unattended workflows run: every `seconds` a Schedule Trigger → HTTP Request
 * reading a list `{items: [{url}]}` → Split Out → Read Image → `node`.
 */
export function scheduledBatchWorkflow(
	id: string,
	listUrl: string,
	node: WorkflowNode,
	seconds: number,
): ExampleWorkflow {
	return chain(id, `Queue: a scheduled batch every ${seconds} s`, [
		{
			id: 'schedule',
			name: 'Schedule Trigger',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			position: [0, 0],
			parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: seconds }] } },
		} as WorkflowNode,
		{
			id: 'list',
			name: 'Read List',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [0, 0],
			parameters: { url: listUrl, options: {} },
		} as WorkflowNode,
		{
			id: 'split',
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [0, 0],
			parameters: { fieldToSplitOut: 'items', options: {} },
		} as WorkflowNode,
		readImage(),
		node,
	]);
}
