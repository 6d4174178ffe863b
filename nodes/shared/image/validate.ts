import type { IExecuteFunctions } from 'n8n-workflow';

import type { InputImage } from './input';
import type { ImageFormat, ImageInfo } from './sniff';
import { parameterError } from '../parameters';
import { formatBytes, orList } from '../text';
import { describeContent, describeImage, IMAGE_FORMATS } from './sniff';

export interface ImageLimits {
	/** Name of the API in messages, e.g. "Novita Reimagine". */
	apiName: string;
	formats: ImageFormat[];
	/** Largest accepted file size in bytes (inclusive unless maxBytesExclusive). */
	maxBytes: number;
	maxBytesExclusive?: boolean;
	/** Largest accepted width and height, each. */
	maxSide?: number;
	/** Largest accepted width × height. */
	maxPixels?: { width: number; height: number };
	square?: boolean;
}

/** An image that passed the checks: recognised, and its width and height read. */
export type CheckedImage = InputImage & { info: ImageInfo & { width: number; height: number } };

const RESIZE_HINT = 'Resize or crop it first, for example with the Edit Image node.';

function list(formats: ImageFormat[]): string {
	return orList(formats.map((f) => IMAGE_FORMATS[f].label));
}

/**
 * Checks an input image against an API's documented limits before anything is uploaded, so a
 * bad input fails fast with a message that names the value found, the limit and the fix.
 */
export function validateImage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	image: InputImage,
	limits: ImageLimits,
	/** The image in messages when the item has several, e.g. 'image 2 (binary field "data_1")'. */
	subject?: string,
): asserts image is CheckedImage {
	const it = subject ?? 'the input image';
	const bytes = image.size;
	const accepted = list(limits.formats);
	if (bytes === 0) {
		parameterError(ctx, itemIndex, `${it} is empty (0 bytes)`, `Provide a ${accepted} image.`);
	}
	const { info } = image;
	if (!info) {
		const { mimeType, fileName } = image.declared ?? {};
		const said = [
			formatBytes(bytes),
			...(mimeType ? [`declared as ${mimeType}`] : []),
			...(fileName ? [`file ${fileName}`] : []),
		].join(', ');
		parameterError(
			ctx,
			itemIndex,
			`${subject ?? 'the input'} is not an image: it is ${describeContent(image.head)} (${said})`,
			`${limits.apiName} needs a ${accepted} image. Check that the input really holds an image file.`,
		);
	}
	if (!limits.formats.includes(info.format)) {
		parameterError(
			ctx,
			itemIndex,
			`${it} is a ${IMAGE_FORMATS[info.format].label}; ${limits.apiName} accepts only ${accepted}`,
			`Convert it to ${accepted} first, for example with the Edit Image node (Options > Format).`,
		);
	}
	if (!info.width || !info.height) {
		parameterError(
			ctx,
			itemIndex,
			`${subject ? `${subject}, a ${IMAGE_FORMATS[info.format].label},` : `the input ${IMAGE_FORMATS[info.format].label}`} is truncated or corrupt: its size cannot be read`,
			'Check that the whole file was passed to the node.',
		);
	}
	const tooBig = limits.maxBytesExclusive ? bytes >= limits.maxBytes : bytes > limits.maxBytes;
	if (tooBig) {
		parameterError(
			ctx,
			itemIndex,
			`${it} is ${describeImage(info, bytes)}; ${limits.apiName} accepts ${limits.maxBytesExclusive ? 'less than' : 'at most'} ${formatBytes(limits.maxBytes)}`,
			`Make the file smaller first: resize it or save it with stronger compression, for example with the Edit Image node.`,
		);
	}
	if (limits.maxSide && (info.width > limits.maxSide || info.height > limits.maxSide)) {
		parameterError(
			ctx,
			itemIndex,
			`${it} is ${info.width}×${info.height} pixels; ${limits.apiName} accepts at most ${limits.maxSide} pixels on each side`,
			RESIZE_HINT,
		);
	}
	if (
		limits.maxPixels &&
		info.width * info.height > limits.maxPixels.width * limits.maxPixels.height
	) {
		parameterError(
			ctx,
			itemIndex,
			`${it} is ${info.width}×${info.height} pixels; ${limits.apiName} accepts at most ${limits.maxPixels.width}×${limits.maxPixels.height} pixels in total`,
			RESIZE_HINT,
		);
	}
	if (limits.square && info.width !== info.height) {
		parameterError(
			ctx,
			itemIndex,
			`${it} is ${info.width}×${info.height} pixels; ${limits.apiName} needs a square image`,
			'Crop it to a square first, for example with the Edit Image node (Crop operation).',
		);
	}
}

/** What a model's mask must be: a PNG with transparency, the size of the first image, under a size. */
export interface MaskRule {
	maxBytes: number;
	maxBytesExclusive?: boolean;
	/** The rule in one line, for the UI and messages. */
	text: string;
}

/**
 * Checks a mask before anything is uploaded: a PNG, with an alpha channel (its transparent pixels
 * mark what to edit), the same width and height as the first image, within the size limit.
 */
export function validateMask(
	ctx: IExecuteFunctions,
	itemIndex: number,
	mask: InputImage,
	rule: MaskRule,
	first: { width: number; height: number },
	apiName: string,
	subject: string,
): asserts mask is CheckedImage {
	validateImage(
		ctx,
		itemIndex,
		mask,
		{
			apiName: `${apiName} (for a mask)`,
			formats: ['png'],
			maxBytes: rule.maxBytes,
			maxBytesExclusive: rule.maxBytesExclusive,
		},
		subject,
	);
	if (!mask.info.alpha)
		parameterError(
			ctx,
			itemIndex,
			`${subject} has no transparency: it is a PNG without an alpha channel`,
			'A mask marks what to edit with transparent pixels: save it as a PNG with an alpha channel (RGBA), the area to edit erased to transparent.',
		);
	const { width, height } = mask.info;
	if (width !== first.width || height !== first.height)
		parameterError(
			ctx,
			itemIndex,
			`${subject} is ${width}×${height} but the first image is ${first.width}×${first.height}: ${apiName} needs them the same size`,
			`Resize the mask to ${first.width}×${first.height} first, for example with the Edit Image node (Resize, Ignore Aspect Ratio), or make it from the first image.`,
		);
}
