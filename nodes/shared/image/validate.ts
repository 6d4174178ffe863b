import type { IExecuteFunctions } from 'n8n-workflow';

import type { InputImage } from './input';
import type { ImageFormat } from './sniff';
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
): asserts image is InputImage & { info: NonNullable<InputImage['info']> } {
	const bytes = image.size;
	const accepted = list(limits.formats);
	if (bytes === 0) {
		parameterError(
			ctx,
			itemIndex,
			'the input image is empty (0 bytes)',
			`Provide a ${accepted} image.`,
		);
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
			`the input is not an image: it is ${describeContent(image.head)} (${said})`,
			`${limits.apiName} needs a ${accepted} image. Check that the input really holds an image file.`,
		);
	}
	if (!limits.formats.includes(info.format)) {
		parameterError(
			ctx,
			itemIndex,
			`the input image is a ${IMAGE_FORMATS[info.format].label}; ${limits.apiName} accepts only ${accepted}`,
			`Convert it to ${accepted} first, for example with the Edit Image node (Options > Format).`,
		);
	}
	if (!info.width || !info.height) {
		parameterError(
			ctx,
			itemIndex,
			`the input ${IMAGE_FORMATS[info.format].label} is truncated or corrupt: its size cannot be read`,
			'Check that the whole file was passed to the node.',
		);
	}
	const tooBig = limits.maxBytesExclusive ? bytes >= limits.maxBytes : bytes > limits.maxBytes;
	if (tooBig) {
		parameterError(
			ctx,
			itemIndex,
			`the input image is ${describeImage(info, bytes)}; ${limits.apiName} accepts ${limits.maxBytesExclusive ? 'less than' : 'at most'} ${formatBytes(limits.maxBytes)}`,
			`Make the file smaller first: resize it or save it with stronger compression, for example with the Edit Image node.`,
		);
	}
	if (limits.maxSide && (info.width > limits.maxSide || info.height > limits.maxSide)) {
		parameterError(
			ctx,
			itemIndex,
			`the input image is ${info.width}×${info.height} pixels; ${limits.apiName} accepts at most ${limits.maxSide} pixels on each side`,
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
			`the input image is ${info.width}×${info.height} pixels; ${limits.apiName} accepts at most ${limits.maxPixels.width}×${limits.maxPixels.height} pixels in total`,
			RESIZE_HINT,
		);
	}
	if (limits.square && info.width !== info.height) {
		parameterError(
			ctx,
			itemIndex,
			`the input image is ${info.width}×${info.height} pixels; ${limits.apiName} needs a square image`,
			'Crop it to a square first, for example with the Edit Image node (Crop operation).',
		);
	}
}
