import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../nodeErrors';
import { formatBytes, plainText } from '../text';
import { networkCode } from './networkFailure';
import type { Headers } from './retryPolicy';
import { headerValue } from './retryPolicy';
import type { VendorAdapter } from './vendorError';

// Reading a downloaded file's body: the file under its size cap, or the start of an error page.

export type ByteStream = AsyncIterable<Buffer | Uint8Array> & { destroy(error?: Error): void };

/** How a file host's failures read: its page's text, and a hint for the statuses of expired URLs. */
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

function tooLarge(ctx: IExecuteFunctions, itemIndex: number, message: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, {
		itemIndex,
		description: 'Raise the Max Download Size option if the file is expected to be this large.',
	});
}

/**
 * The whole file, streamed under `maxBytes`: a declared Content-Length over it is refused before
 * a byte is read, and a body without one is cut off as soon as it passes the cap.
 */
export async function readCapped(
	ctx: IExecuteFunctions,
	response: { headers: Headers; body: unknown },
	maxBytes: number,
	itemIndex: number,
	label: string,
): Promise<Buffer> {
	const stream = response.body as ByteStream;
	const declared = Number(headerValue(response.headers, 'content-length'));
	if (Number.isFinite(declared) && declared > maxBytes) {
		stream.destroy();
		throw tooLarge(
			ctx,
			itemIndex,
			`${label} is ${formatBytes(declared)}, larger than the download limit of ${formatBytes(maxBytes)}`,
		);
	}
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of stream) {
		total += chunk.length;
		if (total > maxBytes) {
			stream.destroy();
			throw tooLarge(
				ctx,
				itemIndex,
				`${label} is larger than the download limit of ${formatBytes(maxBytes)}`,
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
export async function readErrorPage(
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
