import { namedRatios } from './aspectRatios';
import { seed } from './fluxKontext';
import type { MagnificModel } from './model';

// Seedream 4.5 Edit on Magnific: POST /v1/ai/text-to-image/seedream-v4-5-edit. Its page gives
// only "up to 5 reference images"; the field table is Seedream 4's, and public clients send
// reference_images as strings, each an https URL or bare base64 (../shared/vendor-docs note). So
// binary and base64 images go inline as base64, no upload needed.

const SEEDREAM_RATIOS = [
	'square_1_1',
	'widescreen_16_9',
	'social_story_9_16',
	'portrait_2_3',
	'traditional_3_4',
	'standard_3_2',
	'classic_4_3',
];

export const seedream45Edit: MagnificModel = {
	value: 'seedream45Edit',
	displayName: 'Seedream 4.5 Edit',
	description:
		'POST /v1/ai/text-to-image/seedream-v4-5-edit: edits with up to 5 reference images (asynchronous)',
	model: 'seedream-v4-5-edit',
	path: '/v1/ai/text-to-image/seedream-v4-5-edit',
	images: {
		fields: 'referenceImages',
		count: { min: 1, max: 5 },
		urlsOnly: false,
		formats: ['png', 'jpeg', 'webp'],
	},
	prompt: {},
	options: {
		seed,
		seedreamAspectRatio: {
			field: 'aspect_ratio',
			spec: {
				type: 'options',
				displayName: 'Aspect Ratio',
				choices: namedRatios(SEEDREAM_RATIOS),
				default: 'square_1_1',
				description: 'The aspect ratio of the generated image (aspect_ratio)',
			},
		},
	},
};
