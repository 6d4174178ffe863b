import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { formatBytes, plainText, truncate } from '../text';
import type { RetryContext } from './retryLoop';
import { asNodeError } from '../nodeErrors';
import { networkCode, withRetries } from './retryLoop';
import type { Headers } from './retryPolicy';
import { headerValue } from './retryPolicy';
import type { VendorAdapter } from './vendorError';

export interface DownloadedFile {
	buffer: Buffer;
	/** The Content-Type the server sent, without parameters. */
	contentType?: string;
	url: string;
	attempts: number;
}

type ByteStream = AsyncIterable<Buffer | Uint8Array> & { destroy(error?: Error): void };

/** Parses a URL the user or a vendor gave and accepts only http(s). */
export function parseHttpUrl(
	ctx: IExecuteFunctions,
	value: string,
	itemIndex: number,
	what: string,
): URL {
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new NodeOperationError(
			ctx.getNode(),
			`${what} is not a valid URL: "${truncate(value)}"`,
			{
				itemIndex,
				description: 'Give a full address starting with https:// (or http://).',
			},
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new NodeOperationError(
			ctx.getNode(),
			`${what} must use http or https, not "${url.protocol.replace(':', '')}": "${truncate(value)}"`,
			{ itemIndex, description: 'Only http:// and https:// addresses can be downloaded.' },
		);
	}
	return url;
}

export function downloadAdapter(name: string): VendorAdapter {
	return {
		name,
		parseError: (status, body) => ({
			message: plainText(body) ?? `the server answered HTTP ${status}`,
		}),
		hint: (failure) =>
			failure.status === 404 || failure.status === 403 || failure.status === 410
				? 'The file is not available at this address (signed URLs expire after a while). Check the URL or run the node again.'
				: undefined,
	};
}

async function readCapped(
	ctx: IExecuteFunctions,
	stream: ByteStream,
	maxBytes: number,
	itemIndex: number,
	label: string,
): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of stream) {
		total += chunk.length;
		if (total > maxBytes) {
			stream.destroy();
			throw new NodeOperationError(
				ctx.getNode(),
				`${label} is larger than the download limit of ${formatBytes(maxBytes)}`,
				{
					itemIndex,
					description:
						'Raise the Max Download Size option if the file is expected to be this large.',
				},
			);
		}
		chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
	}
	return Buffer.concat(chunks, total);
}

/** Enough of an error page for its text to go into the message. */
const ERROR_PAGE_BYTES = 64 * 1024;

/**
 * The start of an error page. The status is the failure; a page cut off in transit only loses
 * its text, so a network error while reading it is not one more failure. Anything else is.
 */
async function readErrorPage(
	ctx: IExecuteFunctions,
	stream: ByteStream,
	itemIndex: number,
): Promise<string> {
	const chunks: Buffer[] = [];
	let total = 0;
	try {
		for await (const chunk of stream) {
			chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
			total += chunk.length;
			if (total >= ERROR_PAGE_BYTES) break;
		}
	} catch (error) {
		if (networkCode(error) === undefined) throw asNodeError(ctx, error, itemIndex);
	} finally {
		stream.destroy();
	}
	return Buffer.concat(chunks).subarray(0, ERROR_PAGE_BYTES).toString('utf8');
}

/**
 * Downloads a file through n8n's HTTP helper: http(s) only, streamed with a size cap so a huge
 * or endless response is cut off, retried like API calls, and abortable with the execution.
 * No credential is sent: these are public or pre-signed URLs.
 */
export async function downloadFile(
	ctx: IExecuteFunctions,
	rawUrl: string,
	options: RetryContext & { maxBytes: number; label: string },
): Promise<DownloadedFile> {
	const url = parseHttpUrl(ctx, rawUrl, options.itemIndex, options.label);
	const { result, attempts } = await withRetries(
		ctx,
		options,
		async () => {
			const response = (await ctx.helpers.httpRequest({
				method: 'GET',
				url: url.toString(),
				encoding: 'stream',
				timeout: options.timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				abortSignal: ctx.getExecutionCancelSignal(),
			})) as IN8nHttpFullResponse;
			return {
				statusCode: response.statusCode,
				headers: response.headers as Headers,
				body: response.body,
			};
		},
		async (response) => {
			const stream = response.body as ByteStream;
			const declared = Number(headerValue(response.headers, 'content-length'));
			if (Number.isFinite(declared) && declared > options.maxBytes) {
				stream.destroy();
				throw new NodeOperationError(
					ctx.getNode(),
					`${options.label} is ${formatBytes(declared)}, larger than the download limit of ${formatBytes(options.maxBytes)}`,
					{
						itemIndex: options.itemIndex,
						description:
							'Raise the Max Download Size option if the file is expected to be this large.',
					},
				);
			}
			const buffer = await readCapped(
				ctx,
				stream,
				options.maxBytes,
				options.itemIndex,
				options.label,
			);
			const contentType = headerValue(response.headers, 'content-type')
				?.split(';')[0]
				.trim()
				.toLowerCase();
			return { buffer, contentType };
		},
		async (response) => await readErrorPage(ctx, response.body as ByteStream, options.itemIndex),
	);
	return { ...result, url: url.toString(), attempts };
}
