import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiBody, HttpClient } from '../../shared/http/client';
import { invalidResponseError } from '../../shared/http/vendorError';
import { BASE64_BYTES, jsonWithStreamedBase64 } from '../../shared/http/streamedJson';
import type { InputImage } from '../../shared/image/input';
import { baseNameOf, readImage } from '../../shared/image/input';
import type { ImageRef } from '../../shared/image/sources';
import { imageRefs, madeFrom } from '../../shared/image/sources';
import { outputBinaryField } from '../../shared/image/output';
import type { GeneratedImageUrl } from '../../shared/image/resultDownloads';
import { generatedImageItems } from '../../shared/image/resultDownloads';
import { validateImage } from '../../shared/image/validate';
import { asNodeError } from '../../shared/nodeErrors';
import type { ImageOperation, OperationRun } from '../../shared/run/runner';
import { modelOptionFields } from '../../shared/run/modelOptions';
import { pollWait } from '../../shared/run/pollOptions';
import { asObject, asString } from '../../shared/text';
import type { NovitaModel } from '../models/model';
import {
	NOVITA_CREDENTIAL,
	NOVITA_TIMEOUT_MS,
	novitaBaseUrl,
	novitaModelVendor,
	novitaVendor,
} from '../transport/api';
import type { NovitaTask } from '../transport/task';
import { finishedImages, novitaPolling, submittedTask } from '../transport/task';
import type { NovitaNode } from './parameters';
import { MODEL_POLL_OPTIONS, modelPrompt, outputImageType, seedParameter } from './parameters';

// Any model declared in models/: the prompt, the image (its URL as given, or bare base64 of the
// bytes), the seed, output format and model options the model takes. An async model answers a
// task id that the shared poller waits for; a sync one answers the image URLs. Result URLs
// expire, so the images are downloaded at once (without the key).

/** Novita's limit for its image endpoints; the models' own are not documented. */
const MAX_INPUT_BYTES = 30 * 1024 * 1024;

type SentAs = 'url' | 'base64';

/**
 * The body, and how the images went: each URL as given, the others as bare base64 of their bytes,
 * read one after another and each checked before the next is read.
 */
async function modelRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	http: HttpClient,
	request: { model: NovitaModel; refs: ImageRef[]; fields: IDataObject; apiName: string },
): Promise<{ body: ApiBody; sentAs: SentAs; baseName: string }> {
	const { model, refs, fields, apiName } = request;
	const values: string[] = [];
	const sources: InputImage[] = [];
	for (const ref of refs) {
		if (ref.source === 'url') {
			values.push(ref.value);
			continue;
		}
		const input = await readImage(ctx, itemIndex, ref, http);
		validateImage(
			ctx,
			itemIndex,
			input,
			{ apiName, formats: model.image.formats, maxBytes: MAX_INPUT_BYTES },
			ref.forWhat ? ref.name : undefined,
		);
		values.push(BASE64_BYTES);
		sources.push(input);
	}
	const document = { [model.image.field]: model.image.list ? values : values[0], ...fields };
	const first = refs[0];
	return {
		body: sources.length ? jsonWithStreamedBase64(document, sources) : document,
		// What the hint on a 400 names: the form of the first image (the others may differ).
		sentAs: first.source === 'url' ? 'url' : 'base64',
		baseName:
			first.source === 'url' ? baseNameOf(new URL(first.value).pathname) : sources[0].baseName,
	};
}

/** On a 400 about the image: what the reference says of its form, and the other form to try. */
function otherFormHint(model: NovitaModel, sentAs: SentAs): string {
	const name = model.displayName;
	if (model.image.forms === 'url or base64')
		return sentAs === 'url'
			? `The image was sent as its URL, which Novita’s reference says ${name} takes; the host may not reach it. Try Input Image Source "Binary File" or "Base64" (sent as base64).`
			: `The image was sent as bare base64; Novita’s reference says ${name} takes "URL or Base64" without saying which base64 form. Try Input Image Source "URL" (sent as the URL itself).`;
	return sentAs === 'url'
		? `The image was sent as its URL; Novita’s reference does not say whether ${name} fetches URLs. Try Input Image Source "Binary File" or "Base64" (sent as base64).`
		: `The image was sent as bare base64; Novita’s reference does not say whether ${name} takes base64. Try Input Image Source "URL" (sent as the URL itself).`;
}

/** Posts the request; a 400 about the image says which form was sent and suggests the other. */
async function post(
	ctx: IExecuteFunctions,
	itemIndex: number,
	http: HttpClient,
	model: NovitaModel,
	request: { body: ApiBody; sentAs: SentAs },
) {
	try {
		return await http.post(model.path, request.body, itemIndex, 'paid');
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '400' && /image/i.test(error.message))
			error.description =
				`${otherFormHint(model, request.sentAs)} ${error.description ?? ''}`.trim();
		throw asNodeError(ctx, error, itemIndex);
	}
}

type ModelRun = OperationRun<typeof MODEL_POLL_OPTIONS>;

/** A task Novita accepted for an item, kept for n8n's next try of the node (never submitted again). */
interface AcceptedTask {
	task: NovitaTask;
	baseName: string;
}

/** An async model: the task's images, with its id, status, seed and URL lifetimes. */
async function taskImages(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ http, options }: ModelRun,
	submitted: NovitaTask,
): Promise<GeneratedImageUrl[]> {
	const task = await http.poll(
		submitted,
		itemIndex,
		novitaPolling(ctx, itemIndex, http.baseUrl, pollWait(options)),
	);
	const answeredAt = Date.now();
	return finishedImages(ctx, task, itemIndex).map((image, index) => ({
		url: image.url,
		json: {
			task_id: task.id,
			status: task.status,
			index,
			...(task.seed !== undefined ? { seed: task.seed } : {}),
			...(image.type ? { image_type: image.type } : {}),
			...(image.ttl !== undefined
				? {
						image_url_ttl: image.ttl,
						urlExpiresAt: new Date(answeredAt + image.ttl * 1000).toISOString(),
					}
				: {}),
		},
	}));
}

/** A sync model's answer, {images: [url, …]}. */
function answeredImages(
	ctx: IExecuteFunctions,
	itemIndex: number,
	response: { body: unknown; statusCode: number },
): GeneratedImageUrl[] {
	const images = asObject(response.body).images;
	const urls = Array.isArray(images) ? images.map((url: unknown) => asString(url)) : [];
	if (urls.length === 0 || urls.some((url) => !url)) {
		const problem =
			typeof response.body === 'string' ? 'the body is not JSON' : 'it has no images URLs';
		throw invalidResponseError(ctx, novitaVendor, problem, itemIndex, response.statusCode);
	}
	return urls.map((url, index) => ({ url: url!, json: { index } }));
}

export function modelOperation(
	model: NovitaModel,
	node: NovitaNode,
): ImageOperation<typeof MODEL_POLL_OPTIONS> {
	const apiName = `${node.nodeName} (${model.displayName})`;
	return {
		credential: NOVITA_CREDENTIAL,
		vendor: novitaModelVendor({ name: model.displayName, path: model.path }),
		defaultTimeoutMs: NOVITA_TIMEOUT_MS,
		nodeOptions: MODEL_POLL_OPTIONS,
		baseUrl: novitaBaseUrl,

		async execute(ctx, itemIndex, run: ModelRun) {
			const refs = imageRefs(ctx, itemIndex, {
				modelName: model.displayName,
				...model.image.count,
			});
			const seed = model.seed ? seedParameter(ctx, itemIndex) : -1;
			const outputFormat = model.outputFormatField ? outputImageType(ctx, itemIndex) : undefined;
			const fields: IDataObject = {
				prompt: modelPrompt(ctx, itemIndex, node),
				...(seed === -1 ? {} : { seed }),
				...(model.outputFormatField ? { [model.outputFormatField]: outputFormat } : {}),
				...modelOptionFields(ctx, itemIndex, model, refs.length),
			};
			const outputProperty = outputBinaryField(ctx, itemIndex);
			const accepted = run.ledger.acceptedTask<AcceptedTask>(itemIndex);
			let baseName: string;
			let images: GeneratedImageUrl[];
			if (accepted) {
				// An earlier try of the node got this task accepted: wait for it, do not pay again.
				baseName = accepted.baseName;
				images = await taskImages(ctx, itemIndex, run, accepted.task);
			} else {
				const request = await modelRequest(ctx, itemIndex, run.http, {
					model,
					refs,
					fields,
					apiName,
				});
				baseName = request.baseName;
				const response = await post(ctx, itemIndex, run.http, model, request);
				if (model.answer === 'task') {
					const task = submittedTask(ctx, response.body, itemIndex, response.statusCode);
					run.ledger.recordTask(itemIndex, { task, baseName } satisfies AcceptedTask);
					images = await taskImages(ctx, itemIndex, run, task);
				} else {
					images = answeredImages(ctx, itemIndex, response);
				}
			}
			const requested = outputFormat ? { requestedImageType: outputFormat } : {};
			const urls = images.map((image) => image.url);
			return await generatedImageItems(
				ctx,
				itemIndex,
				images.map((image) => ({
					...image,
					json: { model: model.model, ...image.json, ...requested, ...madeFrom(refs) },
				})),
				{
					vendorName: 'Novita',
					fileBaseName: `${baseName}-${node.outputSuffix}`,
					outputProperty,
					downloads: await run.http.downloadResults(urls, itemIndex, 'Novita'),
				},
			);
		},
	};
}
