import type { ModelOption } from '../../shared/run/modelOptions';
import type { NovitaModel } from './model';

// FLUX.1 Kontext on Novita: POST /v3/async/flux-1-kontext-{dev,pro,max}, polled through
// /v3/async/task-result. Each page lists prompt, images (up to 4; the form is not stated) and
// seed; the other fields differ per model. Pro's safety_tolerance is "only supported in
// text-to-image", and these nodes always send an image, so it is not offered there.

const KONTEXT_IMAGE = {
	field: 'images',
	list: true,
	// Each Kontext page: images, a list of up to 4.
	count: { min: 1, max: 4 },
	formats: ['png', 'jpeg', 'webp'],
	forms: 'unstated',
} satisfies NovitaModel['image'];

const guidanceScale = (novitaDefault: number): ModelOption => ({
	field: 'guidance_scale',
	spec: {
		type: 'number',
		displayName: 'Guidance Scale',
		default: novitaDefault,
		min: 1,
		max: 20,
		description: `How closely the result follows the prompt (1–20; Novita's default ${novitaDefault})`,
	},
});

const ASPECT_RATIOS = ['21:9', '16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '9:21'];

const aspectRatio: ModelOption = {
	field: 'aspect_ratio',
	spec: {
		type: 'options',
		displayName: 'Aspect Ratio',
		choices: ASPECT_RATIOS.map((ratio) => [ratio, ratio] as const),
		default: '1:1',
		description: 'The aspect ratio of the generated image (aspect_ratio)',
	},
};

/** Width × height presets within the page's range, 256 to 1536 per side. */
const DEV_SIZES = [
	'1024*1024',
	'1536*1536',
	'1536*1024',
	'1024*1536',
	'1536*864',
	'864*1536',
	'1280*768',
	'768*1280',
	'512*512',
	'256*256',
];

export const fluxKontextDev: NovitaModel = {
	engine: 'fluxKontextDev',
	displayName: 'FLUX.1 Kontext Dev',
	description: 'POST /v3/async/flux-1-kontext-dev: open-weights FLUX.1 Kontext (asynchronous)',
	model: 'flux-1-kontext-dev',
	path: '/v3/async/flux-1-kontext-dev',
	answer: 'task',
	image: KONTEXT_IMAGE,
	seed: true,
	outputFormatField: 'output_format',
	options: {
		kontextGuidanceScaleDev: guidanceScale(2.5),
		kontextFastMode: {
			field: 'fast_mode',
			spec: {
				type: 'boolean',
				displayName: 'Fast Mode',
				default: false,
				description: 'Whether to generate faster and cheaper, at some cost in quality (fast_mode)',
			},
		},
		kontextSize: {
			field: 'size',
			spec: {
				type: 'options',
				displayName: 'Size',
				choices: DEV_SIZES.map((size) => [size.replace('*', ' × '), size] as const),
				default: '1024*1024',
				description: 'Width × height of the generated image in pixels (size)',
			},
		},
		kontextSteps: {
			field: 'num_inference_steps',
			spec: {
				type: 'number',
				displayName: 'Inference Steps',
				default: 28,
				min: 1,
				max: 50,
				whole: true,
				description:
					"Denoising steps (1–50; Novita's default 28): more can add detail, and take longer",
			},
		},
		kontextImages: {
			field: 'num_images',
			spec: {
				type: 'number',
				displayName: 'Number of Images',
				default: 1,
				min: 1,
				max: 4,
				whole: true,
				description: 'How many images to generate (1–4), each one output item',
			},
		},
	},
};

export const fluxKontextPro: NovitaModel = {
	engine: 'fluxKontextPro',
	displayName: 'FLUX.1 Kontext Pro',
	description: 'POST /v3/async/flux-1-kontext-pro: FLUX.1 Kontext [pro] (asynchronous)',
	model: 'flux-1-kontext-pro',
	path: '/v3/async/flux-1-kontext-pro',
	answer: 'task',
	image: KONTEXT_IMAGE,
	seed: true,
	options: { kontextGuidanceScale: guidanceScale(3.5), kontextAspectRatio: aspectRatio },
};

export const fluxKontextMax: NovitaModel = {
	engine: 'fluxKontextMax',
	displayName: 'FLUX.1 Kontext Max',
	description: 'POST /v3/async/flux-1-kontext-max: FLUX.1 Kontext [max] (asynchronous)',
	model: 'flux-1-kontext-max',
	path: '/v3/async/flux-1-kontext-max',
	answer: 'task',
	image: KONTEXT_IMAGE,
	seed: true,
	options: {
		kontextGuidanceScale: guidanceScale(3.5),
		kontextAspectRatio: aspectRatio,
		kontextSafetyTolerance: {
			field: 'safety_tolerance',
			spec: {
				type: 'options',
				displayName: 'Safety Tolerance',
				choices: ['1', '2', '3', '4', '5'].map((level) => [level, level] as const),
				default: '2',
				description: "1 is the strictest, 5 the most permissive (Novita's default 2)",
			},
		},
	},
};
