// The request contracts of the Novita models, as their reference pages give them: the fields each
// takes, how each is checked, and how the model answers. novitaServer.ts serves them; a field a
// page does not list is refused (400 INVALID_REQUEST_BODY), as for the classic endpoints.

const MAX_SEED = 2_147_483_647;

/** A field's check: the error message, or undefined when the value is valid. */
type FieldCheck = (value: unknown) => string | undefined;

export type OutputFormat = 'png' | 'jpeg' | 'webp';

export interface ModelContract {
	/** Novita's task_type in task results, for async models. */
	taskType?: string;
	answer: 'task' | 'images';
	/** The image field; gif: the page lists GIF among the input formats. */
	image: { field: string; list: boolean; max: number; gif?: boolean };
	fields: Record<string, FieldCheck>;
	/** The format of the images it answers: the output_format field's value, or fixed. */
	outputFormat: { field: string; default: OutputFormat } | OutputFormat;
	/** How many images one request answers, from its body. */
	imageCount(body: Record<string, unknown>): number;
	/** A check across fields: the error message, or undefined. */
	check?: (body: Record<string, unknown>, images: number) => string | undefined;
}

const isInteger = (value: unknown, min: number, max: number) =>
	typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

const integer =
	(name: string, min: number, max: number): FieldCheck =>
	(value) =>
		isInteger(value, min, max) ? undefined : `${name} must be an integer in [${min}, ${max}]`;

const number =
	(name: string, min: number, max: number): FieldCheck =>
	(value) =>
		typeof value === 'number' && value >= min && value <= max
			? undefined
			: `${name} must be a number in [${min}, ${max}]`;

const oneOf =
	(name: string, values: readonly unknown[]): FieldCheck =>
	(value) =>
		values.includes(value) ? undefined : `${name} must be one of ${values.join(', ')}`;

const boolean =
	(name: string): FieldCheck =>
	(value) =>
		typeof value === 'boolean' ? undefined : `${name} must be a boolean`;

const FORMATS: OutputFormat[] = ['jpeg', 'png', 'webp'];
const seed = integer('seed', -1, MAX_SEED);
const ASPECT_RATIOS = ['21:9', '16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '9:21'];

/** "width*height", 256 to 1536 per side (FLUX.1 Kontext Dev). */
const kontextSize: FieldCheck = (value) => {
	const match = typeof value === 'string' ? /^(\d+)\*(\d+)$/.exec(value) : null;
	const ok = match && [match[1], match[2]].every((side) => isInteger(Number(side), 256, 1536));
	return ok ? undefined : 'size must be width*height, 256 to 1536 per dimension';
};

/** "2K", "4K" or "WIDTHxHEIGHT" with [3686400, 16777216] pixels and aspect ratio in [1/16, 16]. */
const seedreamSize: FieldCheck = (value) => {
	if (value === '2K' || value === '4K') return undefined;
	const match = typeof value === 'string' ? /^(\d+)x(\d+)$/.exec(value) : null;
	const [width, height] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
	const pixels = width * height;
	const ratio = width / height;
	return match && pixels >= 3686400 && pixels <= 16777216 && ratio >= 1 / 16 && ratio <= 16
		? undefined
		: 'size must be 2K, 4K or WIDTHxHEIGHT with 3686400 to 16777216 pixels and an aspect ratio from 1/16 to 16';
};

const kontextCommon = {
	prompt: () => undefined,
	seed,
	guidance_scale: number('guidance_scale', 1, 20),
};

const KONTEXT_PRO: ModelContract = {
	taskType: 'FLUX_1_KONTEXT_PRO',
	answer: 'task',
	image: { field: 'images', list: true, max: 4 },
	fields: { ...kontextCommon, aspect_ratio: oneOf('aspect_ratio', ASPECT_RATIOS) },
	outputFormat: 'jpeg',
	imageCount: () => 1,
};

export const MODEL_CONTRACTS: Record<string, ModelContract> = {
	'/v3/async/qwen-image-edit': {
		taskType: 'QWEN_IMAGE_EDIT',
		answer: 'task',
		image: { field: 'image', list: false, max: 1 },
		fields: { prompt: () => undefined, seed, output_format: oneOf('output_format', FORMATS) },
		outputFormat: { field: 'output_format', default: 'jpeg' },
		imageCount: () => 1,
	},
	'/v3/async/flux-1-kontext-dev': {
		taskType: 'FLUX_1_KONTEXT_DEV',
		answer: 'task',
		image: { field: 'images', list: true, max: 4 },
		fields: {
			...kontextCommon,
			fast_mode: boolean('fast_mode'),
			size: kontextSize,
			num_inference_steps: integer('num_inference_steps', 1, 50),
			num_images: integer('num_images', 1, 4),
			output_format: oneOf('output_format', FORMATS),
		},
		outputFormat: { field: 'output_format', default: 'jpeg' },
		imageCount: (body) => (typeof body.num_images === 'number' ? body.num_images : 1),
	},
	'/v3/async/flux-1-kontext-pro': KONTEXT_PRO,
	// Max's page: Pro's fields and safety_tolerance (Pro's is "only supported in text-to-image").
	'/v3/async/flux-1-kontext-max': {
		...KONTEXT_PRO,
		taskType: 'FLUX_1_KONTEXT_MAX',
		fields: {
			...KONTEXT_PRO.fields,
			safety_tolerance: oneOf('safety_tolerance', ['1', '2', '3', '4', '5']),
		},
	},
	'/v3/seedream-4.5': {
		answer: 'images',
		image: { field: 'image', list: true, max: 14, gif: true },
		fields: {
			prompt: () => undefined,
			size: seedreamSize,
			watermark: boolean('watermark'),
			optimize_prompt_options: (value) =>
				typeof value === 'object' &&
				value !== null &&
				(value as { mode?: unknown }).mode === 'standard'
					? undefined
					: 'optimize_prompt_options.mode must be standard',
			sequential_image_generation: oneOf('sequential_image_generation', ['auto', 'disabled']),
			sequential_image_generation_options: (value) =>
				typeof value === 'object' &&
				value !== null &&
				isInteger((value as { max_images?: unknown }).max_images, 1, 15)
					? undefined
					: 'sequential_image_generation_options.max_images must be an integer in [1, 15]',
		},
		outputFormat: 'jpeg',
		check: (body, images) => {
			const options = body.sequential_image_generation_options as
				{ max_images?: number } | undefined;
			return options?.max_images !== undefined && options.max_images + images > 15
				? 'the number of input images plus max_images must not exceed 15'
				: undefined;
		},
		// An image set of up to max_images when asked for ("auto"), else one image.
		imageCount: (body) =>
			body.sequential_image_generation === 'auto'
				? Math.min(
						3,
						(body.sequential_image_generation_options as { max_images?: number } | undefined)
							?.max_images ?? 15,
					)
				: 1,
	},
};
