import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RetrySettings } from '../http/retryPolicy';
import { DEFAULT_RETRY } from '../http/retryPolicy';
import { RequestGate } from '../http/requestGate';

export interface RequestSettings {
	concurrency: number;
	timeoutMs: number;
	retry: RetrySettings;
	maxDownloadBytes: number;
	/** Shared by all items of the run: API requests in flight, limited and adapted to 429s. */
	gate: RequestGate;
	raw: IDataObject;
}

export const DEFAULT_CONCURRENCY = 3;
export const DEFAULT_MAX_DOWNLOAD_MB = 50;

/** Options every node has (concurrency, timeout, retries, download size) plus the node's own, sorted. */
export function requestOptions(defaultTimeoutMs: number, nodeOptions: INodeProperties[] = []): INodeProperties[] {
	const shared: INodeProperties[] = [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
			default: 3,
			description:
				'How many items are sent to the API at the same time. When the API answers 429 (too many requests), the node sends fewer at once for the rest of the run and slowly tries more again.',
		},
		{
			displayName: 'Max Download Size (MB)',
			name: 'maxDownloadSizeMb',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1024 },
			default: 50,
			description: 'Largest image downloaded from a URL (input URL or generated result); larger files fail the item',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
			default: 2,
			description:
				'How often a request is retried after a connection error, timeout, HTTP 408, 409, 429 or 5xx. Errors that cannot succeed on retry (invalid key, billing, bad input) are never retried.',
		},
		{
			displayName: 'Max Retry-After Wait (Seconds)',
			name: 'maxRetryAfterSeconds',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 3600 },
			default: 60,
			description:
				'Longest wait requested by the API (Retry-After header) that is honoured; a longer request ends the retries with an error',
		},
		{
			displayName: 'Retry Delay (Ms)',
			name: 'retryDelayMs',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 60000 },
			default: 500,
			description: 'First wait before a retry; it doubles with each retry, with random jitter',
		},
		{
			displayName: 'Retry Max Delay (Ms)',
			name: 'retryMaxDelayMs',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 300000 },
			default: 8000,
			description: 'Longest wait between two retries when the API does not say how long to wait',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeoutMs',
			type: 'number',
			typeOptions: { minValue: 1000, maxValue: 600000 },
			default: defaultTimeoutMs,
			description: 'How long to wait for an answer to one request before it counts as failed (and is retried)',
		},
	];
	return [...shared, ...nodeOptions].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

function numberOption(
	ctx: IExecuteFunctions,
	options: IDataObject,
	name: string,
	label: string,
	fallback: number,
	min: number,
	max: number,
): number {
	const value = options[name] ?? fallback;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Option "${label}" must be a number from ${min} to ${max}, but is ${JSON.stringify(value)}`,
			{ description: `Change the "${label}" option of the node.` },
		);
	}
	return value;
}

/** Reads the options collection once per execution (concurrency applies to the whole run). */
export function readRequestSettings(ctx: IExecuteFunctions, defaultTimeoutMs: number): RequestSettings {
	const raw = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const n = (name: string, label: string, fallback: number, min: number, max: number) =>
		numberOption(ctx, raw, name, label, fallback, min, max);
	const concurrency = Math.floor(n('concurrency', 'Concurrency', DEFAULT_CONCURRENCY, 1, 100));
	return {
		concurrency,
		gate: new RequestGate(concurrency),
		timeoutMs: n('timeoutMs', 'Timeout (Ms)', defaultTimeoutMs, 1, 600000),
		maxDownloadBytes: n('maxDownloadSizeMb', 'Max Download Size (MB)', DEFAULT_MAX_DOWNLOAD_MB, 0.001, 1024) * 1024 * 1024,
		retry: {
			maxRetries: Math.floor(n('maxRetries', 'Max Retries', DEFAULT_RETRY.maxRetries, 0, 10)),
			initialDelayMs: n('retryDelayMs', 'Retry Delay (Ms)', DEFAULT_RETRY.initialDelayMs, 0, 60000),
			maxDelayMs: n('retryMaxDelayMs', 'Retry Max Delay (Ms)', DEFAULT_RETRY.maxDelayMs, 0, 300000),
			maxRetryAfterMs:
				n('maxRetryAfterSeconds', 'Max Retry-After Wait (Seconds)', DEFAULT_RETRY.maxRetryAfterMs / 1000, 0, 3600) * 1000,
		},
		raw,
	};
}

/** The "Options" collection of a node: the shared request options plus the node's own. */
export function optionsCollection(defaultTimeoutMs: number, nodeOptions: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: requestOptions(defaultTimeoutMs, nodeOptions),
	};
}
