import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RetrySettings } from '../http/retryPolicy';
import { DEFAULT_RETRY } from '../http/retryPolicy';
import type { OptionSpecs, OptionValues } from './optionSpecs';
import { optionProperty, readOptions } from './optionSpecs';

/** What every node's requests share, read once per run. */
export interface RequestSettings {
	concurrency: number;
	timeoutMs: number;
	retry: RetrySettings;
	maxDownloadBytes: number;
}

/** The options every node has; only the timeout's default differs between vendors. */
export function requestOptionSpecs(defaultTimeoutMs: number) {
	return {
		concurrency: {
			type: 'number',
			displayName: 'Concurrency',
			default: 3,
			min: 1,
			max: 100,
			whole: true,
			description:
				'How many items are sent to the API at the same time. When the API answers 429 (too many requests), the node sends fewer at once for the rest of the run and slowly tries more again.',
		},
		maxDownloadSizeMb: {
			type: 'number',
			displayName: 'Max Download Size (MB)',
			default: 50,
			min: 0.001,
			max: 1024,
			ui: { min: 1 },
			description:
				'Largest image downloaded from a URL (input URL or generated result); larger files fail the item',
		},
		maxRetries: {
			type: 'number',
			displayName: 'Max Retries',
			default: DEFAULT_RETRY.maxRetries,
			min: 0,
			max: 10,
			whole: true,
			description:
				'How often a request is retried after a connection error, timeout, HTTP 408, 409, 425, 429 or 5xx. A paid request (a generation or a task submit) is resent only when it cannot have been taken (connection refused, 408, 425, 429), unless Resend Paid Requests is on. Errors that cannot succeed on retry (invalid key, billing, bad input) are never retried.',
		},
		resendPaidRequests: {
			type: 'boolean',
			displayName: 'Resend Paid Requests',
			default: DEFAULT_RETRY.resendPaid,
			description:
				'Whether a generation (or a task submit) is sent again after a failure that leaves open whether the vendor took it and charged for it: no answer within the Timeout, a connection dropped after the upload, an HTTP 5xx or a gateway’s 502/504. Off: the item fails and says so, and nothing is paid twice. On: resent up to Max Retries; a vendor that did take it charges again.',
		},
		maxRetryAfterSeconds: {
			type: 'number',
			displayName: 'Max Retry-After Wait (Seconds)',
			default: DEFAULT_RETRY.maxRetryAfterMs / 1000,
			min: 0,
			max: 3600,
			description:
				'Longest wait requested by the API (Retry-After header) that is honoured; a longer request ends the retries with an error',
		},
		retryDelayMs: {
			type: 'number',
			displayName: 'Retry Delay (Ms)',
			default: DEFAULT_RETRY.initialDelayMs,
			min: 0,
			max: 60000,
			description: 'First wait before a retry; it doubles with each retry, with random jitter',
		},
		retryMaxDelayMs: {
			type: 'number',
			displayName: 'Retry Max Delay (Ms)',
			default: DEFAULT_RETRY.maxDelayMs,
			min: 0,
			max: 300000,
			description: 'Longest wait between two retries when the API does not say how long to wait',
		},
		timeoutMs: {
			type: 'number',
			displayName: 'Timeout (Ms)',
			default: defaultTimeoutMs,
			min: 1,
			max: 600000,
			ui: { min: 1000 },
			description:
				'How long to wait for an answer to one request before it counts as failed (and is retried)',
		},
	} satisfies OptionSpecs;
}

type RequestOptionValues = OptionValues<ReturnType<typeof requestOptionSpecs>>;

function requestSettings(values: RequestOptionValues): RequestSettings {
	return {
		concurrency: values.concurrency,
		timeoutMs: values.timeoutMs,
		maxDownloadBytes: values.maxDownloadSizeMb * 1024 * 1024,
		retry: {
			maxRetries: values.maxRetries,
			initialDelayMs: values.retryDelayMs,
			maxDelayMs: values.retryMaxDelayMs,
			maxRetryAfterMs: values.maxRetryAfterSeconds * 1000,
			resendPaid: values.resendPaidRequests,
		},
	};
}

/**
 * Reads the options collection once per run (concurrency applies to the whole run): the shared
 * request settings, and the node's own options as typed values.
 */
export function readRunOptions<T extends OptionSpecs>(
	ctx: IExecuteFunctions,
	defaultTimeoutMs: number,
	nodeOptions: T,
): { settings: RequestSettings; options: OptionValues<T> } {
	const raw = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		settings: requestSettings(readOptions(ctx, raw, requestOptionSpecs(defaultTimeoutMs))),
		options: readOptions(ctx, raw, nodeOptions),
	};
}

/** The "Options" collection of a node: the shared request options plus the node's own, sorted. */
export function optionsCollection(
	defaultTimeoutMs: number,
	nodeOptions: OptionSpecs = {},
): INodeProperties {
	const specs: OptionSpecs = { ...requestOptionSpecs(defaultTimeoutMs), ...nodeOptions };
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: Object.entries(specs)
			.map(([name, spec]) => optionProperty(name, spec))
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
