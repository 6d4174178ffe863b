import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiBody } from '../../shared/http/client';
import { outputBinaryField } from '../../shared/image/output';
import { pollWait } from '../../shared/run/pollOptions';
import type { ImageOperation } from '../../shared/run/runner';
import {
	FREEPIK_CREDENTIAL,
	FREEPIK_TIMEOUT_MS,
	freepikBaseUrl,
	freepikVendor,
} from '../transport/api';
import type { FreepikTask, TaskModel } from '../transport/task';
import { freepikPolling, parseTask } from '../transport/task';
import type { UploadFile } from '../transport/uploads';
import {
	magnificStorage,
	UPLOAD_URL_PATH,
	uploadBody,
	uploadSlots,
	uploadUrlRequest,
} from '../transport/uploads';
import { awaitCallback, callbackUrl } from './callbackWait';
import type { FreepikRun } from './parameters';
import {
	completionParameter,
	downloadImagesParameter,
	FREEPIK_OPTIONS,
	webhookUrlParameter,
} from './parameters';
import { resultImages, taskOutputItems, webhookItems } from './taskResult';

// One item on any Freepik model, Reimagine Flux and the models of models/ alike: the operation's
// own request (its parameters and images, read and checked before anything is sent), the images
// a URL-only field needs uploaded first (free requests), the paid submit, then the task handed to
// the user's webhook, left to Magnific's callback (Completion "Wait for Webhook", callbackWait.ts)
// or waited for, and its images downloaded at once (their URLs expire in minutes).

/** What an operation makes of an item before anything is sent. */
export interface TaskRequest {
	/** Images to upload first, for fields that take URLs only; their asset URLs go to `body`. */
	uploads: UploadFile[];
	/** The submit's body, given the asset URLs of `uploads` in their order. */
	body(assetUrls: string[]): ApiBody;
	/** The output files' name without extension, e.g. "photo-edited". */
	fileBaseName: string;
	/** What every output item carries besides the task (e.g. the images it was made from). */
	json: IDataObject;
}

/** An operation's parameters and images for one item, read and checked; the Webhook URL is read. */
export type PrepareRequest = (
	ctx: IExecuteFunctions,
	itemIndex: number,
	run: FreepikRun,
	webhookUrl: string,
) => Promise<TaskRequest>;

/** A task Magnific accepted for an item, kept for n8n's next try of the node (never submitted again). */
interface AcceptedTask {
	task: FreepikTask;
	fileBaseName: string;
	json: IDataObject;
}

/**
 * Reimagine Flux or a model of models/: `prepare` is the operation's own item code; `callbacks`
 * offers Completion "Wait for Webhook" (models whose page documents webhook_url and a status GET).
 */
export function taskOperation(
	model: TaskModel,
	prepare: PrepareRequest,
	{ callbacks }: { callbacks: boolean },
): ImageOperation<typeof FREEPIK_OPTIONS> {
	return {
		credential: FREEPIK_CREDENTIAL,
		vendor: freepikVendor,
		defaultTimeoutMs: FREEPIK_TIMEOUT_MS,
		nodeOptions: FREEPIK_OPTIONS,
		baseUrl: freepikBaseUrl,

		async execute(ctx, itemIndex, run: FreepikRun) {
			const { http } = run;
			const completion = completionParameter(ctx, itemIndex, callbacks);
			const webhookUrl =
				completion === 'webhook'
					? await callbackUrl(ctx, itemIndex, http.baseUrl)
					: webhookUrlParameter(ctx, itemIndex);
			const outputProperty = downloadImagesParameter(ctx, itemIndex)
				? outputBinaryField(ctx, itemIndex)
				: undefined;
			// A task an earlier try of the node got accepted is waited for, not submitted (and paid) again.
			let accepted = run.ledger.acceptedTask<AcceptedTask>(itemIndex);
			if (!accepted) {
				const request = await prepare(ctx, itemIndex, run, webhookUrl);
				const assetUrls: string[] = [];
				if (request.uploads.length) {
					// One request for the upload URLs, then each PUT at once: they expire in about 2 minutes.
					const { uploads } = request;
					const asked = await http.post(
						UPLOAD_URL_PATH,
						uploadUrlRequest(uploads),
						itemIndex,
						'free',
					);
					const slots = uploadSlots(ctx, asked.body, uploads.length, itemIndex, asked.statusCode);
					for (const [n, slot] of slots.entries()) {
						await http.put(
							slot.uploadUrl,
							uploadBody(uploads[n]),
							slot.headers,
							itemIndex,
							magnificStorage,
						);
						assetUrls.push(slot.assetUrl);
					}
				}
				const response = await http.post(model.path, request.body(assetUrls), itemIndex, 'paid');
				const task = parseTask(ctx, response.body, itemIndex, response.statusCode);
				accepted = { task, fileBaseName: request.fileBaseName, json: request.json };
				run.ledger.recordTask(itemIndex, accepted);
			}
			const { task, json, fileBaseName } = accepted;
			if (completion === 'webhook')
				return awaitCallback(ctx, itemIndex, task, model, { fileBaseName, json, outputProperty });
			const pending = webhookItems(itemIndex, task, model, webhookUrl, json);
			if (pending) return pending;
			// Returns a task that is no longer pending as it is, without a request.
			const done = await http.poll(
				task,
				itemIndex,
				freepikPolling(ctx, itemIndex, http.baseUrl, model, pollWait(run.options)),
			);
			const output = { fileBaseName, json, outputProperty };
			const images = resultImages(ctx, itemIndex, done, model, output);
			const downloads = outputProperty
				? await http.downloadResults(
						images.map((image) => image.url),
						itemIndex,
						'Freepik',
					)
				: undefined;
			return await taskOutputItems(ctx, itemIndex, images, output, downloads);
		},
	};
}
