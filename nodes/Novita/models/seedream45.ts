import type { NovitaModel } from './model';

// POST /v3/seedream-4.5 (model-apis-seedream-4.5): synchronous, answers {images: [url]}. image is
// an array of 1–14, "URL or Base64"; jpeg, png, webp, bmp, tiff and gif are listed (BMP and TIFF
// are not recognised by the node's checks, so they are not offered). optimize_prompt_options.mode
// has one value, "standard", its default, so there is nothing to choose.

/** Size presets: Novita's default, its two resolutions, and aspect ratios within [3686400, 16777216] pixels. */
const SIZES: ReadonlyArray<readonly [string, string]> = [
	['2048 × 2048 (Novita’s Default)', '2048x2048'],
	['2K', '2K'],
	['4K', '4K'],
	['2304 × 1728 (4:3)', '2304x1728'],
	['1728 × 2304 (3:4)', '1728x2304'],
	['2560 × 1440 (16:9)', '2560x1440'],
	['1440 × 2560 (9:16)', '1440x2560'],
	['2496 × 1664 (3:2)', '2496x1664'],
	['1664 × 2496 (2:3)', '1664x2496'],
	['3024 × 1296 (21:9)', '3024x1296'],
	['4096 × 4096', '4096x4096'],
];

/** "Number of input reference images + number of generated images ≤ 15". */
const MAX_IN_ALL = 15;
const MAX_INPUT = 14;
const MAX_GENERATED = 14;

export const seedream45: NovitaModel = {
	engine: 'seedream45',
	displayName: 'Seedream 4.5',
	description: 'POST /v3/seedream-4.5: ByteDance Seedream 4.5 (synchronous, up to 4K)',
	model: 'seedream-4.5',
	path: '/v3/seedream-4.5',
	answer: 'images',
	image: {
		field: 'image',
		list: true,
		// The page: image, a list of up to 14 (and no more than 15 with the generated images).
		count: { min: 1, max: MAX_INPUT },
		formats: ['png', 'jpeg', 'webp', 'gif'],
		forms: 'url or base64',
	},
	seed: false,
	options: {
		seedreamSize: {
			field: 'size',
			spec: {
				type: 'options',
				displayName: 'Size',
				choices: SIZES,
				default: '2048x2048',
				description: 'Size of the generated image: a resolution (2K, 4K) or width × height (size)',
			},
		},
		seedreamWatermark: {
			field: 'watermark',
			spec: {
				type: 'boolean',
				displayName: 'Watermark',
				default: true,
				description:
					'Whether Novita adds a watermark to the generated images (it does unless this is off)',
			},
		},
		seedreamImageSet: {
			field: 'sequential_image_generation',
			send: (on) => (on ? 'auto' : 'disabled'),
			spec: {
				type: 'boolean',
				displayName: 'Image Set',
				default: false,
				description:
					'Whether the model may answer a set of related images when the prompt asks for one (sequential_image_generation "auto"), each one output item',
			},
		},
		seedreamMaxImages: {
			field: 'sequential_image_generation_options.max_images',
			spec: {
				type: 'number',
				displayName: 'Max Images in Set',
				default: MAX_GENERATED,
				min: 1,
				max: MAX_GENERATED,
				whole: true,
				description: `The most images an image set may hold (1–${MAX_GENERATED}: the input images and the set make at most ${MAX_IN_ALL})`,
			},
		},
	},
	check: (values, inputImages) => {
		const max = values.seedreamMaxImages;
		if (max === undefined) return undefined;
		if (values.seedreamImageSet !== true)
			return {
				problem: 'Max Images in Set is set, but Image Set is not on',
				fix: 'Add the Image Set option and turn it on, or remove Max Images in Set: Novita uses it only for image sets.',
			};
		if (typeof max === 'number' && max + inputImages > MAX_IN_ALL)
			return {
				problem: `Max Images in Set is ${max} and the item has ${inputImages} input images; Seedream 4.5 takes at most ${MAX_IN_ALL} in all`,
				fix: `Set Max Images in Set to at most ${MAX_IN_ALL - inputImages}, or send fewer input images.`,
			};
		return undefined;
	},
};
