import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { BASE64_BYTES, jsonWithStreamedBase64 } from '../../shared/http/streamedJson';
import { baseNameOf, readImage } from '../../shared/image/input';
import { imageRefs, madeFrom } from '../../shared/image/sources';
import type { CheckedImage } from '../../shared/image/validate';
import { validateImage } from '../../shared/image/validate';
import { parameterError, textParameter } from '../../shared/parameters';
import { modelOptionFields } from '../../shared/run/modelOptions';
import type { ImageOperation } from '../../shared/run/runner';
import type { ImageFields, MagnificModel } from '../models/model';
import type { FREEPIK_OPTIONS, FreepikRun } from './parameters';
import type { TaskRequest } from './task.operation';
import { taskOperation } from './task.operation';

// Any Magnific model declared in models/: the prompt, the images in the model's fields (a URL as
// given; a binary or base64 image uploaded first where the field takes URLs only, else sent as
// bare base64), the model options added, then the task waited for and its images downloaded.

/** An image as the body carries it, and the MIME type known for it (a URL's is not). */
interface SentImage {
	value: string;
	mimeType?: string;
}

/** The images in the fields the model's page gives them. */
function imageFields(fields: ImageFields, images: SentImage[]): IDataObject {
	if (fields === 'inputImageFields')
		return Object.fromEntries(
			images.map((image, n) => [n === 0 ? 'input_image' : `input_image_${n + 1}`, image.value]),
		);
	if (fields === 'referenceImages') return { reference_images: images.map((image) => image.value) };
	return {
		reference_images: images.map((image) => ({
			image: image.value,
			...(image.mimeType ? { mime_type: image.mimeType } : {}),
		})),
	};
}

/** The item's prompt, required by every model here, within the length the model's page gives. */
function modelPrompt(ctx: IExecuteFunctions, itemIndex: number, model: MagnificModel): string {
	const prompt = textParameter(ctx, itemIndex, 'prompt', 'Prompt', {
		requiredFix: `${model.displayName} needs a prompt: describe the edit or the image to make.`,
	});
	const { minLength = 1, maxLength = Infinity } = model.prompt;
	if (prompt.length < minLength || prompt.length > maxLength)
		parameterError(
			ctx,
			itemIndex,
			`Prompt has ${prompt.length} characters; ${model.displayName} takes ${minLength} to ${maxLength}`,
			prompt.length < minLength ? 'Write a longer prompt.' : 'Shorten the prompt.',
		);
	return prompt;
}

/**
 * The model's request for one item: its images read and checked one after another, before any
 * request; the binary and base64 ones sent inline (bare base64), or uploaded first where the
 * model's field takes URLs only.
 */
async function prepareModelRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ http, settings }: FreepikRun,
	model: MagnificModel,
	webhookUrl: string,
): Promise<TaskRequest> {
	const refs = imageRefs(ctx, itemIndex, { modelName: model.displayName, ...model.images.count });
	const fields: IDataObject = {
		prompt: modelPrompt(ctx, itemIndex, model),
		...modelOptionFields(ctx, itemIndex, model, refs.length),
		...(webhookUrl ? { webhook_url: webhookUrl } : {}),
	};
	const read: Array<{ at: number; input: CheckedImage }> = [];
	for (const [at, ref] of refs.entries()) {
		if (ref.source === 'url') continue;
		const input = await readImage(ctx, itemIndex, ref, http);
		validateImage(
			ctx,
			itemIndex,
			input,
			{
				apiName: `Freepik ${model.displayName}`,
				formats: model.images.formats,
				maxBytes: settings.maxDownloadBytes,
			},
			ref.forWhat ? ref.name : undefined,
		);
		read.push({ at, input });
	}
	const first = refs[0];
	const baseName =
		first.source === 'url' ? baseNameOf(new URL(first.value).pathname) : read[0].input.baseName;
	const common = { fileBaseName: `${baseName}-edited`, json: madeFrom(refs) };
	/** The images as the body carries them: the URLs as given, the others as `value` says. */
	const sent = (value: (n: number) => string): SentImage[] => {
		const images: SentImage[] = refs.map((ref) => ({ value: ref.value }));
		read.forEach(({ at, input }, n) => {
			images[at] = { value: value(n), mimeType: input.info.mimeType };
		});
		return images;
	};
	if (model.images.urlsOnly)
		return {
			...common,
			uploads: read.map(({ input }) => ({ image: input, contentType: input.info.mimeType })),
			body: (assetUrls) => ({
				...fields,
				...imageFields(
					model.images.fields,
					sent((n) => assetUrls[n]),
				),
			}),
		};
	const document = {
		...fields,
		...imageFields(
			model.images.fields,
			sent(() => BASE64_BYTES),
		),
	};
	return {
		...common,
		uploads: [],
		body: () =>
			read.length
				? jsonWithStreamedBase64(
						document,
						read.map(({ input }) => input),
					)
				: document,
	};
}

export function modelOperation(model: MagnificModel): ImageOperation<typeof FREEPIK_OPTIONS> {
	return taskOperation(
		model,
		async (ctx, itemIndex, run, webhookUrl) =>
			await prepareModelRequest(ctx, itemIndex, run, model, webhookUrl),
		// Every model here is a task with a documented webhook_url and status GET.
		{ callbacks: true },
	);
}
