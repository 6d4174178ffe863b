import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseHttpUrl } from '../http/httpUrl';
import { parameterError, textParameter } from '../parameters';
import { truncate } from '../text';
import type { ImageSource } from './imageProperties';
import { ADDITIONAL_IMAGES, inputSourceProperty, MASK_SOURCE } from './imageProperties';

// Where an item's images come from, read from the parameters of imageProperties.ts: the input
// image (or every binary field of the item), the Additional Images list and the Mask. Nothing is
// read here: the references are resolved and counted against what the model declares, so that a
// wrong count or an empty field fails before any image is read or request sent.

/** One image of an item, not yet read. */
export interface ImageRef {
	source: ImageSource;
	/** The binary field's name, the URL, or the base64 text. */
	value: string;
	/** The image in messages: "the input image", "image 2 (binary field "data_1")", "the mask (…)". */
	name: string;
	/** Appended where a message is about a field: "", " for image 2", " for the mask". */
	forWhat: string;
	/** What the output item says the image came from. */
	origin: IDataObject;
}

/** What a model takes: how many images (the first included), and whether it takes a mask. */
export interface ImageCount {
	/** The model in messages, e.g. "FLUX.1 Kontext Pro". */
	modelName: string;
	min: number;
	max: number;
}

const FIELD_OF: Record<ImageSource, { name: string; label: string }> = {
	binary: { name: 'binaryPropertyName', label: 'Input Binary Field' },
	url: { name: 'imageUrl', label: 'Image URL' },
	base64: { name: 'imageBase64', label: 'Image (Base64)' },
};

function requiredText(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string) {
	return textParameter(ctx, itemIndex, name, label, {
		requiredFix: `Fill in ${label}, or choose another ${label.startsWith('Mask') ? 'Mask source' : 'Input Image Source'}.`,
	});
}

/** The Image URL: one address, or several (an array, or one per line) for several images. */
function imageUrls(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const value = ctx.getNodeParameter(FIELD_OF.url.name, itemIndex, '') as unknown;
	const list = Array.isArray(value)
		? value.map((one) => (typeof one === 'string' ? one.trim() : one))
		: undefined;
	if (list?.some((one) => typeof one !== 'string'))
		parameterError(
			ctx,
			itemIndex,
			'Image URL is a list, but not every entry is text',
			'Make the expression give a list of addresses, e.g. ["https://…/a.png", "https://…/b.png"].',
		);
	const urls = (
		list ?? requiredText(ctx, itemIndex, FIELD_OF.url.name, 'Image URL').split(/[\r\n]+/)
	)
		.map((url) => String(url).trim())
		.filter(Boolean);
	if (urls.length === 0)
		parameterError(
			ctx,
			itemIndex,
			'Image URL is empty',
			'Fill in Image URL, or choose another Input Image Source.',
		);
	return urls;
}

interface Unnamed {
	source: ImageSource;
	value: string;
	/** Where it was set: 'binary field "data_1"', 'URL https://…', 'Additional Images, entry 2 (Base64)'. */
	from: string;
}

function checkedUrl(ctx: IExecuteFunctions, itemIndex: number, url: string, what: string): string {
	return parseHttpUrl(ctx, url, itemIndex, `Item ${itemIndex}: ${what}`).toString();
}

/** The first image (or images): the node's Input Image parameters. */
function inputImageRefs(
	ctx: IExecuteFunctions,
	itemIndex: number,
	maskField: string | undefined,
): Unnamed[] {
	const source = ctx.getNodeParameter(inputSourceProperty.name, itemIndex, 'binary') as
		ImageSource | 'allBinary';
	if (source === 'allBinary') {
		const fields = Object.keys(ctx.getInputData()[itemIndex]?.binary ?? {}).filter(
			(field) => field !== maskField,
		);
		if (fields.length === 0)
			parameterError(
				ctx,
				itemIndex,
				`has no binary fields${maskField ? ` besides the mask's "${maskField}"` : ''}`,
				'Input Image Source is All Binary Fields: read the images first (e.g. with HTTP Request, then Aggregate with Include Binaries), or choose another source.',
			);
		return fields.map((field) => ({
			source: 'binary',
			value: field,
			from: `binary field "${field}"`,
		}));
	}
	if (source === 'url') {
		const urls = imageUrls(ctx, itemIndex);
		return urls.map((url, index) => ({
			source: 'url',
			value: checkedUrl(
				ctx,
				itemIndex,
				url,
				urls.length > 1 ? `Image URL ${index + 1}` : 'Image URL',
			),
			from: `URL ${truncate(url, 80)}`,
		}));
	}
	const { name, label } = FIELD_OF[source] ?? FIELD_OF.binary;
	const value = requiredText(ctx, itemIndex, name, label);
	return [
		{
			source: source in FIELD_OF ? source : 'binary',
			value,
			from: source === 'base64' ? 'Image (Base64)' : `binary field "${value}"`,
		},
	];
}

/** The Additional Images list's entries, each checked for a value. */
function additionalImageRefs(ctx: IExecuteFunctions, itemIndex: number): Unnamed[] {
	const entries = ctx.getNodeParameter(
		`${ADDITIONAL_IMAGES}.images`,
		itemIndex,
		[],
	) as IDataObject[];
	return (Array.isArray(entries) ? entries : []).map((entry, index) => {
		const source =
			(['binary', 'url', 'base64'] as const).find((one) => one === entry.source) ?? 'binary';
		const field = { binary: 'Binary Field', url: 'Image URL', base64: 'Image (Base64)' }[source];
		const raw = entry[FIELD_OF[source].name];
		const value = typeof raw === 'string' ? raw.trim() : '';
		const where = `Additional Images › entry ${index + 1}`;
		if (!value)
			parameterError(
				ctx,
				itemIndex,
				`${where}: ${field} is empty`,
				`Fill in ${field} of that entry, or remove the entry.`,
			);
		if (source === 'url')
			return {
				source,
				value: checkedUrl(ctx, itemIndex, value, `${where}: Image URL`),
				from: `URL ${truncate(value, 80)}`,
			};
		return {
			source,
			value,
			from: source === 'binary' ? `binary field "${value}"` : `${where} (Base64)`,
		};
	});
}

const ORIGIN: Record<ImageSource, (value: string) => IDataObject> = {
	binary: (value) => ({ binaryField: value }),
	url: (value) => ({ url: value }),
	base64: () => ({ base64: true }),
};

/**
 * The item's images in order, named for messages, after checking their number against what the
 * model takes. Several images are read only for models that take more than one.
 */
export function imageRefs(
	ctx: IExecuteFunctions,
	itemIndex: number,
	count: ImageCount,
	mask?: ImageRef,
): ImageRef[] {
	const maskField = mask?.source === 'binary' ? mask.value : undefined;
	const found = [
		...inputImageRefs(ctx, itemIndex, maskField),
		...(count.max > 1 ? additionalImageRefs(ctx, itemIndex) : []),
	];
	const list = found.map((ref, index) => `${index + 1}. ${ref.from}`).join('; ');
	if (found.length > count.max)
		parameterError(
			ctx,
			itemIndex,
			count.max === 1
				? `${count.modelName} takes one image; this item has ${found.length} (${list})`
				: `${count.modelName} takes at most ${count.max} images; this item has ${found.length} (${list})`,
			count.max === 1
				? 'Choose one image (Input Binary Field, or a single Image URL), or a model that takes several.'
				: `Remove ${found.length - count.max} of them (from Additional Images, the item's binary fields or the URL list), or choose a model that takes more.`,
		);
	if (found.length < count.min)
		parameterError(
			ctx,
			itemIndex,
			`${count.modelName} needs at least ${count.min} images; this item has ${found.length}`,
			'Add images under Additional Images.',
		);
	const several = found.length > 1;
	return found.map((ref, index) => ({
		source: ref.source,
		value: ref.value,
		name: several ? `image ${index + 1} (${ref.from})` : 'the input image',
		forWhat: several ? ` for image ${index + 1}` : '',
		origin: ORIGIN[ref.source](ref.value),
	}));
}

/** The item's mask, when the model takes one and the user set it. */
export function maskRef(ctx: IExecuteFunctions, itemIndex: number): ImageRef | undefined {
	const source = ctx.getNodeParameter(MASK_SOURCE, itemIndex, 'none') as ImageSource | 'none';
	if (source === 'none' || !(source in FIELD_OF)) return undefined;
	const [name, label] = {
		binary: ['maskBinaryPropertyName', 'Mask Binary Field'],
		url: ['maskUrl', 'Mask URL'],
		base64: ['maskBase64', 'Mask (Base64)'],
	}[source];
	const raw = requiredText(ctx, itemIndex, name, label);
	const value = source === 'url' ? checkedUrl(ctx, itemIndex, raw, label) : raw;
	const from = {
		binary: `binary field "${value}"`,
		url: `URL ${truncate(value, 80)}`,
		base64: 'Base64',
	}[source];
	return {
		source,
		value,
		name: `the mask (${from})`,
		forWhat: ' for the mask',
		origin: ORIGIN[source](value),
	};
}

/** What an output item says of the images it was made from, when there was more than one image. */
export function madeFrom(refs: readonly ImageRef[], mask?: ImageRef): IDataObject {
	if (refs.length < 2 && !mask) return {};
	return {
		inputImages: refs.map((ref) => ref.origin),
		...(mask ? { mask: mask.origin } : {}),
	};
}
