import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { DownloadedFile } from '../../shared/http/client';
import type { GeneratedImageUrl } from '../../shared/image/resultDownloads';
import { generatedImageItems } from '../../shared/image/resultDownloads';
import type { FreepikTask, TaskModel } from '../transport/task';
import { completedImages, taskJson } from '../transport/task';

// What every Freepik model makes of the task Magnific took: the task as it stands, when a webhook
// will deliver it; else, once it finished, its images, to download at once (their signed URLs
// expire in about 10–15 minutes) or to output as URLs with the time they expire: after polling
// (task.operation.ts) and after a callback resumed the execution (callbackResume.ts) alike.

/** docs.magnific.com: generated URLs "are signed and expire quickly (around 10-15 minutes)". */
const URL_LIFETIME_MS = 10 * 60 * 1000;

/**
 * The pending task as the item's output, when a Webhook URL is set: the webhook delivers the
 * result, and polling as well would only spend the rate limit. Undefined otherwise.
 */
export function webhookItems(
	itemIndex: number,
	task: FreepikTask,
	model: TaskModel,
	webhookUrl: string,
	json: IDataObject,
): INodeExecutionData[] | undefined {
	const finished = task.status === 'COMPLETED' || task.status === 'FAILED';
	if (finished || !webhookUrl) return undefined;
	return [
		{
			json: {
				...taskJson(task, model),
				webhook_url: webhookUrl,
				generated: task.generated,
				...json,
			},
			pairedItem: { item: itemIndex },
		},
	];
}

/**
 * A finished task's images with what each output item carries; URLs that are not downloaded say
 * until when they can be fetched, counted from now (the task's completion was just seen).
 */
export function resultImages(
	ctx: IExecuteFunctions,
	itemIndex: number,
	task: FreepikTask,
	model: TaskModel,
	{ json, outputProperty }: Pick<TaskOutput, 'json' | 'outputProperty'>,
): GeneratedImageUrl[] {
	const images = completedImages(ctx, task, itemIndex, model);
	const expiresAt = new Date(Date.now() + URL_LIFETIME_MS).toISOString();
	// Downloaded into `outputProperty` at once; otherwise the URLs go out with their expiry.
	const expiry = outputProperty
		? {}
		: {
				urlExpiresAt: expiresAt,
				urlNote: `Signed URL: Magnific says it expires about 10–15 minutes after the task completed; fetch it before ${expiresAt}`,
			};
	return images.map((image) => ({ ...image, json: { ...image.json, ...json, ...expiry } }));
}

/** What an item keeps of its request for the output items of its task. */
export interface TaskOutput {
	/** The output files' name without extension, e.g. "photo-edited". */
	fileBaseName: string;
	/** What every output item carries besides the task (e.g. the images it was made from). */
	json: IDataObject;
	/** The binary field to download into; undefined outputs the URLs only. */
	outputProperty?: string;
}

/**
 * A finished task's output items: its images as the caller downloaded them (HttpClient.
 * downloadResults, at once: the URLs expire), or their URLs when `outputProperty` is unset.
 */
export async function taskOutputItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	images: GeneratedImageUrl[],
	{ fileBaseName, outputProperty }: TaskOutput,
	downloads: Array<PromiseSettledResult<DownloadedFile>> | undefined,
): Promise<INodeExecutionData[]> {
	return await generatedImageItems(ctx, itemIndex, images, {
		vendorName: 'Freepik',
		fileBaseName,
		outputProperty: outputProperty ?? '',
		downloads,
	});
}
