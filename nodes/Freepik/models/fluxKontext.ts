import type { ModelOption } from '../../shared/run/modelOptions';
import { ALL_NAMED_RATIOS, namedRatios } from './aspectRatios';
import type { MagnificModel } from './model';

// Flux Kontext on Magnific: POST /v1/ai/text-to-image/flux-kontext-pro|max, a task polled at
// GET …/{task-id}. Both pages take image URLs only. Pro's input_image is optional guidance; this
// node edits images, so it always sends one. Max takes input_image and input_image_2 … _4.

const FORMATS = ['png', 'jpeg', 'webp'] as const;

export const promptUpsampling: ModelOption = {
	field: 'prompt_upsampling',
	spec: {
		type: 'boolean',
		displayName: 'Prompt Upsampling',
		default: false,
		description:
			'Whether Magnific may rewrite the prompt for more creative results (prompt_upsampling); runs are then not reproducible',
	},
};

/**
 * Seedream's page gives 0–2,147,483,647; Kontext's says "integer" without a range, so the same
 * range is offered (Magnific's 400 would name the field otherwise).
 */
export const seed: ModelOption = {
	field: 'seed',
	spec: {
		type: 'number',
		displayName: 'Seed',
		default: 0,
		min: 0,
		max: 2_147_483_647,
		whole: true,
		description: 'The same seed, image and prompt steer towards the same result (seed)',
	},
};

const guidance: ModelOption = {
	field: 'guidance',
	spec: {
		type: 'number',
		displayName: 'Guidance',
		default: 3,
		min: 1,
		max: 10,
		description: 'How closely the result follows the prompt (1–10; Magnific’s default 3)',
	},
};

const steps: ModelOption = {
	field: 'steps',
	spec: {
		type: 'number',
		displayName: 'Steps',
		default: 50,
		min: 1,
		max: 100,
		whole: true,
		description: 'Inference steps (1–100; Magnific’s default 50): more give finer detail, slower',
	},
};

const PRO_RATIOS = [
	'square_1_1',
	'classic_4_3',
	'traditional_3_4',
	'widescreen_16_9',
	'social_story_9_16',
	'standard_3_2',
];

const aspectRatio = (values: string[]): ModelOption => ({
	field: 'aspect_ratio',
	spec: {
		type: 'options',
		displayName: 'Aspect Ratio',
		choices: namedRatios(values),
		default: 'square_1_1',
		description: 'The aspect ratio of the generated image (aspect_ratio)',
	},
});

/** What both Kontext pages share: the path's naming, URL-only image fields, the tuning fields. */
function kontext(
	tier: 'pro' | 'max',
	maxImages: number,
	model: Pick<MagnificModel, 'description' | 'options'>,
): MagnificModel {
	const name = `flux-kontext-${tier}`;
	return {
		value: tier === 'pro' ? 'fluxKontextPro' : 'fluxKontextMax',
		displayName: tier === 'pro' ? 'Flux Kontext Pro' : 'Flux Kontext Max',
		description: `POST /v1/ai/text-to-image/${name}: ${model.description} (asynchronous)`,
		model: name,
		path: `/v1/ai/text-to-image/${name}`,
		images: {
			fields: 'inputImageFields',
			count: { min: 1, max: maxImages },
			urlsOnly: true,
			formats: [...FORMATS],
		},
		prompt: {},
		options: {
			promptUpsampling,
			seed,
			kontextGuidance: guidance,
			kontextSteps: steps,
			...model.options,
		},
	};
}

export const fluxKontextPro = kontext('pro', 1, {
	description: 'one image as guidance',
	options: { kontextProAspectRatio: aspectRatio(PRO_RATIOS) },
});

export const fluxKontextMax = kontext('max', 4, {
	description: 'edits with up to 4 reference images',
	options: {
		kontextMaxAspectRatio: aspectRatio(ALL_NAMED_RATIOS),
		kontextSafetyTolerance: {
			field: 'safety_tolerance',
			spec: {
				type: 'number',
				displayName: 'Safety Tolerance',
				default: 2,
				min: 0,
				max: 6,
				whole: true,
				description:
					'Content moderation from 0 (strictest) to 6 (most lenient; Magnific’s default 2)',
			},
		},
		kontextOutputFormat: {
			field: 'output_format',
			spec: {
				type: 'options',
				displayName: 'Output Format',
				choices: [
					['PNG', 'png'],
					['JPEG', 'jpeg'],
				],
				default: 'png',
				description: 'Format of the generated image (output_format)',
			},
		},
	},
});
