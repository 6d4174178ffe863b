import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { DownloadedFile } from '../http/client';
import { imageOutputItem } from './output';
import { outputFileFormat } from './sniff';

export interface GeneratedImageUrl {
	url: string;
	/** Fields for the output item (task id, index, flags...). */
	json: IDataObject;
}

export interface ResultItemOptions {
	/** E.g. "Freepik": used in messages. */
	vendorName: string;
	fileBaseName: string;
	outputProperty: string;
	/** The format the answer declares, for images the sniffer cannot read (an SVG). */
	declaredFormat?: unknown;
	/**
	 * The images as the run's client downloaded them (HttpClient.downloadResults), in the order of
	 * the URLs; undefined when the user asked for the URLs only.
	 */
	downloads: Array<PromiseSettledResult<DownloadedFile>> | undefined;
}

function messageOf(error: unknown): { message: string; description?: string } {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		return { message: error.message, description: error.description ?? undefined };
	}
	return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * Generated images as the user chose: downloaded into binary items, or only their URLs, one item
 * each, paired to the input item. Nothing is lost when some downloads failed: with continueOnFail
 * the images that arrived are output with an error item per failed URL; otherwise the error lists
 * every URL so they can still be fetched.
 */
export async function generatedImageItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	images: GeneratedImageUrl[],
	options: ResultItemOptions,
): Promise<INodeExecutionData[]> {
	const { downloads } = options;
	if (!downloads) {
		return images.map((image) => ({
			json: { ...image.json, url: image.url },
			pairedItem: { item: itemIndex },
		}));
	}
	const label = `${options.vendorName} generated image`;
	const settled = await Promise.allSettled(
		downloads.map(async (download, n) => {
			if (download.status === 'rejected') throw download.reason;
			const file = download.value;
			const image = images[n];
			const info = outputFileFormat(file.buffer, options.declaredFormat);
			if (!info) {
				throw new NodeOperationError(
					ctx.getNode(),
					`${label} is not an image (${file.contentType ?? 'no content type'}, ${file.buffer.length} bytes)`,
					{
						itemIndex,
						description:
							'The URL did not return an image; it may have expired. Run the node again.',
					},
				);
			}
			const suffix = images.length > 1 ? `-${n + 1}` : '';
			return await imageOutputItem(ctx, itemIndex, options.outputProperty, {
				buffer: file.buffer,
				info,
				fileBaseName: `${options.fileBaseName}${suffix}`,
				json: { ...image.json, url: image.url, downloadAttempts: file.attempts },
			});
		}),
	);

	const failed = settled.flatMap((result, n) =>
		result.status === 'rejected' ? [{ n, reason: result.reason as unknown }] : [],
	);
	if (failed.length === 0) {
		return settled.map((result) => (result as PromiseFulfilledResult<INodeExecutionData>).value);
	}
	if (ctx.continueOnFail()) {
		return settled.map((result, n) => {
			if (result.status === 'fulfilled') return result.value;
			const { message, description } = messageOf(result.reason);
			return {
				json: {
					...images[n].json,
					url: images[n].url,
					error: message,
					...(description ? { description } : {}),
				},
				pairedItem: { item: itemIndex },
			};
		});
	}
	const first = messageOf(failed[0].reason);
	throw new NodeOperationError(
		ctx.getNode(),
		`${failed.length} of ${images.length} ${label}s could not be downloaded: ${first.message}`,
		{
			itemIndex,
			description:
				`${first.description ?? ''} The images were generated; while their URLs are valid they can still be fetched: ${images
					.map((image) => image.url)
					.join(' ')}. Turn on "Continue On Fail" to keep the images that did download.`.trim(),
		},
	);
}
