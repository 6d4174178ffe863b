import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { GeneratedImageUrl } from '../../shared/image/resultDownloads';
import type { FreepikTask, TaskModel } from '../transport/task';
import { completedImages, taskJson } from '../transport/task';

// What every Freepik model makes of the task Magnific took: the task as it stands, when a webhook
// will deliver it; else, once it finished, its images, to download at once (their signed URLs
// expire in about 10–15 minutes) or to output as URLs with the time they expire. The per-item
// execute (task.operation.ts) waits and downloads with the run's client itself.

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
	{ json, downloaded }: { json: IDataObject; downloaded: boolean },
): GeneratedImageUrl[] {
	const images = completedImages(ctx, task, itemIndex, model);
	const expiresAt = new Date(Date.now() + URL_LIFETIME_MS).toISOString();
	const expiry = downloaded
		? {}
		: {
				urlExpiresAt: expiresAt,
				urlNote: `Signed URL: Magnific says it expires about 10–15 minutes after the task completed; fetch it before ${expiresAt}`,
			};
	return images.map((image) => ({ ...image, json: { ...image.json, ...json, ...expiry } }));
}
