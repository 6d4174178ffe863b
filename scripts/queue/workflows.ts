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
		...step('hook', 'Webhook', 'webhook', 2, {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData,
			options,
		}),
		webhookId: randomUUID(),
	};
}

/** One node of a chain; `chain` places it. */
function step(
	id: string,
	name: string,
	type: string,
	typeVersion: number,
	parameters: Record<string, unknown>,
): WorkflowNode {
	return { id, name, type: `n8n-nodes-base.${type}`, typeVersion, parameters };
}

/** Split Out on `field`, one item per element. */
const splitOut = (field: string) =>
	step('split', 'Split Out', 'splitOut', 1, { fieldToSplitOut: field, options: {} });

/** HTTP Request downloading each item's `url` into binary `data`. */
function readImage(): WorkflowNode {
	return step('read', 'Read Image', 'httpRequest', 4.2, {
		url: '={{ $json.url }}',
		options: { response: { response: { responseFormat: 'file' } } },
	});
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
		splitOut('body.items'),
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
		step('schedule', 'Schedule Trigger', 'scheduleTrigger', 1.2, {
			rule: { interval: [{ field: 'seconds', secondsInterval: seconds }] },
		}),
		step('list', 'Read List', 'httpRequest', 4.2, { url: listUrl, options: {} }),
		splitOut('items'),
		readImage(),
		node,
	]);
}

/**
 * Webhook (`{items: [{url}]}`, answered at once: the execution may wait) → Split Out → Read Image
 * → `node`: a batch whose node can put the execution to wait for a vendor's callbacks.
 */
export function waitingBatchWorkflow(
	id: string,
	path: string,
	node: WorkflowNode,
): ExampleWorkflow {
	return chain(id, `A batch that may wait (${path})`, [
		{ ...webhook(path, 'noData', {}), parameters: { httpMethod: 'POST', path, options: {} } },
		splitOut('body.items'),
		readImage(),
		node,
	]);
}

/** The Freepik node on a Magnific model, its image from binary `data`, with a Completion. */
export function magnificNode(
	completion: 'poll' | 'webhook',
	{ model = 'fluxKontextPro', options = {} }: { model?: string; options?: object } = {},
): WorkflowNode {
	return {
		id: 'magnific',
		name: 'Edit With Magnific',
		type: 'n8n-nodes-ai-image.freepikReimagineFlux',
		typeVersion: 1,
		parameters: {
			model,
			inputSource: 'binary',
			binaryPropertyName: 'data',
			prompt: 'Make it a watercolour',
			completion,
			options,
		},
		credentials: { freepikApi: { id: 'freepikApi-example', name: 'Freepik account' } },
	};
}
