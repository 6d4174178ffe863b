import type { ModelOption } from '../../shared/run/modelOptions';
import type { MagnificModel } from './model';

// Nano Banana Pro and Pro Flash on Magnific: POST /v1/ai/text-to-image/nano-banana-pro(-flash).
// Flash's page: up to 3 reference images (PNG, JPEG, WebP), each "a publicly accessible URL" with
// optional mime_type and text; prompt 2–3,000 characters; Pro "shares the same parameters" and
// defaults to 2K. The page names no per-image field besides text and mime_type: the URL goes in
// `image`, as public clients send it. Per-image text is not offered (one prompt per item).

const resolution = (magnificDefault: '1K' | '2K'): ModelOption => ({
	field: 'resolution',
	spec: {
		type: 'options',
		displayName: 'Resolution',
		choices: [
			['1K (Fastest)', '1K'],
			['2K (Balanced)', '2K'],
			['4K (Best Quality)', '4K'],
		],
		default: magnificDefault,
		description: `Output resolution (resolution; Magnific’s default ${magnificDefault})`,
	},
});

const ratios = ['1:1', '2:3', '3:2', '4:3', '3:4', '5:4', '4:5', '16:9', '9:16', '21:9'];

const nanoBananaOptions = (magnificDefault: '1K' | '2K', resolutionName: string) =>
	({
		nanoBananaAspectRatio: {
			field: 'aspect_ratio',
			spec: {
				type: 'options',
				displayName: 'Aspect Ratio',
				choices: ratios.map((ratio) => [ratio, ratio] as const),
				default: '1:1',
				description: 'The aspect ratio of the generated image (aspect_ratio)',
			},
		},
		[resolutionName]: resolution(magnificDefault),
		googleSearch: {
			field: 'use_google_search_tool',
			spec: {
				type: 'boolean',
				displayName: 'Google Search Grounding',
				default: false,
				description:
					'Whether the model may look up real places, brands or events with Google Search (use_google_search_tool)',
			},
		},
	}) satisfies MagnificModel['options'];

const IMAGES = {
	fields: 'referenceImageObjects',
	count: { min: 1, max: 3 },
	urlsOnly: true,
	formats: ['png', 'jpeg', 'webp'],
} satisfies MagnificModel['images'];

export const nanoBananaPro: MagnificModel = {
	value: 'nanoBananaPro',
	displayName: 'Nano Banana Pro',
	description:
		'POST /v1/ai/text-to-image/nano-banana-pro: Gemini 3 Pro with up to 3 reference images (asynchronous)',
	model: 'nano-banana-pro',
	path: '/v1/ai/text-to-image/nano-banana-pro',
	images: IMAGES,
	prompt: { minLength: 2, maxLength: 3000 },
	options: nanoBananaOptions('2K', 'nanoBananaProResolution'),
};

export const nanoBananaProFlash: MagnificModel = {
	value: 'nanoBananaProFlash',
	displayName: 'Nano Banana Pro Flash',
	description:
		'POST /v1/ai/text-to-image/nano-banana-pro-flash: the faster Gemini 3.1 Flash, up to 3 reference images (asynchronous)',
	model: 'nano-banana-pro-flash',
	path: '/v1/ai/text-to-image/nano-banana-pro-flash',
	images: IMAGES,
	prompt: { minLength: 2, maxLength: 3000 },
	options: nanoBananaOptions('1K', 'nanoBananaFlashResolution'),
};
