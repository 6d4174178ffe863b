import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

// The editor's parameters for an item's images: Input Image Source and its fields (every node),
// the Additional Images list (the models that take several) and the Mask (the models that take
// one). sources.ts reads them.

type Show = NonNullable<IDisplayOptions['show']>;

export type ImageSource = 'binary' | 'url' | 'base64';

const SOURCE_OPTIONS = [
	{
		name: 'Binary File',
		value: 'binary',
		description: 'An image in a binary field of the input item',
	},
	{
		name: 'URL',
		value: 'url',
		description: 'An http(s) address the image is downloaded from',
	},
	{
		name: 'Base64',
		value: 'base64',
		description: 'Base64 text or a data: URL (useful when the node is used as an AI tool)',
	},
];

/** The three sources, and every binary field of the item (the way a Merge or Aggregate leaves them). */
const INPUT_SOURCE_OPTIONS = [
	...SOURCE_OPTIONS,
	{
		name: 'All Binary Fields',
		value: 'allBinary',
		description:
			'Every binary field of the item, in order (e.g. after an Aggregate or Merge node), for models that take several images',
	},
];

export const inputSourceProperty: INodeProperties = {
	displayName: 'Input Image Source',
	name: 'inputSource',
	type: 'options',
	noDataExpression: true,
	options: INPUT_SOURCE_OPTIONS,
	default: 'binary',
};

/** Parameters that choose where the input image comes from. Shared by every node. */
export const imageInputProperties: INodeProperties[] = [
	inputSourceProperty,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { inputSource: ['binary'] } },
		hint: 'The name of the input binary field containing the image',
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/photo.png',
		displayOptions: { show: { inputSource: ['url'] } },
		description:
			'Address of the image to download (http or https). For models that take several images, a list (an expression giving an array, or one address per line) gives one image each.',
	},
	{
		displayName: 'Image (Base64)',
		name: 'imageBase64',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'iVBORw0KGgo... or data:image/png;base64,iVBORw0KGgo...',
		displayOptions: { show: { inputSource: ['base64'] } },
		description: 'The image as base64 text, with or without a data: URL prefix',
	},
];

export const ADDITIONAL_IMAGES = 'additionalImages';

/**
 * The Additional Images list, for the models in `show` that take up to `max` images: n8n's
 * convention for a list the user adds to, each entry from a binary field, a URL or base64.
 */
export function additionalImagesProperty(
	show: Show,
	max: number,
	modelNames: string,
): INodeProperties {
	return {
		displayName: 'Additional Images',
		name: ADDITIONAL_IMAGES,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Image',
		default: {},
		displayOptions: { show },
		hint: `${modelNames} takes up to ${max} images in all, the input image first`,
		description: `Further images sent after the input image, in this order: ${modelNames} takes up to ${max} images in all`,
		options: [
			{
				name: 'images',
				displayName: 'Image',
				values: [
					{
						displayName: 'Source',
						name: 'source',
						type: 'options',
						options: SOURCE_OPTIONS,
						default: 'binary',
					},
					{
						displayName: 'Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: '',
						placeholder: 'data_1',
						displayOptions: { show: { source: ['binary'] } },
						description: 'The binary field of the input item that holds this image',
					},
					{
						displayName: 'Image URL',
						name: 'imageUrl',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/garment.png',
						displayOptions: { show: { source: ['url'] } },
					},
					{
						displayName: 'Image (Base64)',
						name: 'imageBase64',
						type: 'string',
						typeOptions: { rows: 2 },
						default: '',
						displayOptions: { show: { source: ['base64'] } },
					},
				],
			},
		],
	};
}

export const MASK_SOURCE = 'maskSource';

/** The Mask, for the models in `show` that take one; `rule` says what it must be. */
export function maskProperties(show: Show, rule: string): INodeProperties[] {
	const when = (source: ImageSource) => ({ show: { ...show, [MASK_SOURCE]: [source] } });
	return [
		{
			displayName: 'Mask',
			name: MASK_SOURCE,
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'None', value: 'none', description: 'Edit the whole image' },
				...SOURCE_OPTIONS,
			],
			default: 'none',
			displayOptions: { show },
			description: `Where the mask comes from: ${rule}`,
		},
		{
			displayName: 'Mask Binary Field',
			name: 'maskBinaryPropertyName',
			type: 'string',
			// Never the image's own field: a mask must be its own file.
			default: 'mask',
			required: true,
			displayOptions: when('binary'),
			hint: 'The binary field holding the mask (not the image’s own field)',
		},
		{
			displayName: 'Mask URL',
			name: 'maskUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/mask.png',
			displayOptions: when('url'),
		},
		{
			displayName: 'Mask (Base64)',
			name: 'maskBase64',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			required: true,
			displayOptions: when('base64'),
		},
	];
}

/**
 * One Additional Images list per maximum among the models of a dropdown that take several images,
 * each shown for its models, so that its hint names their own limit (`name`: the models' name
 * there, e.g. "FLUX.1 Kontext" for Pro, Max and Dev).
 */
export function additionalImagesByMax(
	parameter: string,
	models: ReadonlyArray<{ value: string; name: string; max: number }>,
): INodeProperties[] {
	const byMax = new Map<number, Array<{ value: string; name: string }>>();
	for (const model of models.filter((one) => one.max > 1))
		byMax.set(model.max, [...(byMax.get(model.max) ?? []), model]);
	return [...byMax].map(([max, group]) =>
		additionalImagesProperty(
			{ [parameter]: group.map((model) => model.value) },
			max,
			[...new Set(group.map((model) => model.name))].join(', '),
		),
	);
}
