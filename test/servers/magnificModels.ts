// The request contracts of Magnific's asynchronous image models, as docs.magnific.com gives them
// (../shared/vendor-docs/magnific.md): each model's fields, how each is checked, and where its
// images are. freepikServer.ts serves them; a field a page does not list is refused (400 with
// invalid_params), as Magnific's problem+json answers do.

export type FieldCheck = (value: unknown) => string | undefined;

/** Where a page puts the images, and in which forms it takes them. */
export type ImagesContract =
	/** input_image (required or not), input_image_2 … _N: each a URL. */
	| { kind: 'inputImageFields'; required: boolean; max: number }
	/** reference_images: 1–max strings, each an https URL or bare base64. */
	| { kind: 'referenceStrings'; min: number; max: number }
	/** reference_images: up to max objects {image: URL, mime_type?, text?}. */
	| { kind: 'referenceObjects'; max: number };

export interface MagnificContract {
	images: ImagesContract;
	/** The prompt's length, when the page gives one. */
	prompt: { min: number; max: number };
	fields: Record<string, FieldCheck>;
}

const integer =
	(min: number, max: number): FieldCheck =>
	(value) =>
		typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
			? undefined
			: `Must be an integer between ${min} and ${max}`;

const number =
	(min: number, max: number): FieldCheck =>
	(value) =>
		typeof value === 'number' && value >= min && value <= max
			? undefined
			: `Must be a number between ${min} and ${max}`;

const oneOf =
	(values: readonly string[]): FieldCheck =>
	(value) =>
		typeof value === 'string' && values.includes(value)
			? undefined
			: `Must be one of ${values.join(', ')}`;

const boolean: FieldCheck = (value) =>
	typeof value === 'boolean' ? undefined : 'Must be a boolean';

const url: FieldCheck = (value) =>
	typeof value === 'string' && /^https?:\/\/\S+$/.test(value) ? undefined : 'Must be a valid URI';

const UNBOUNDED_PROMPT = { min: 1, max: Number.MAX_SAFE_INTEGER };

/** Kontext Pro's table: six named ratios. */
const KONTEXT_PRO_RATIOS = [
	'square_1_1',
	'classic_4_3',
	'traditional_3_4',
	'widescreen_16_9',
	'social_story_9_16',
	'standard_3_2',
];

const KONTEXT_COMMON = {
	prompt_upsampling: boolean,
	// "Seed for reproducible generation": an integer, no range given (any 32-bit one is taken).
	seed: integer(0, 4_294_967_295),
	guidance: number(1, 10),
	steps: integer(1, 100),
	// Kontext Pro's table has no webhook_url, but its overview: "The service returns a task ID for
	// async polling or webhook notification", so the field is taken as Max's is.
	webhook_url: url,
};

/** Seedream 4's table, which Seedream 4.5 Edit's fields follow (the note in magnific.md). */
const SEEDREAM_RATIOS = [
	'square_1_1',
	'widescreen_16_9',
	'social_story_9_16',
	'portrait_2_3',
	'traditional_3_4',
	'standard_3_2',
	'classic_4_3',
];

const NANO_BANANA: MagnificContract = {
	images: { kind: 'referenceObjects', max: 3 },
	prompt: { min: 2, max: 3000 },
	fields: {
		aspect_ratio: oneOf(['1:1', '2:3', '3:2', '4:3', '3:4', '5:4', '4:5', '16:9', '9:16', '21:9']),
		resolution: oneOf(['1K', '2K', '4K']),
		use_google_search_tool: boolean,
		webhook_url: url,
	},
};

export const MAGNIFIC_CONTRACTS: Record<string, MagnificContract> = {
	'/v1/ai/text-to-image/flux-kontext-pro': {
		images: { kind: 'inputImageFields', required: false, max: 1 },
		prompt: UNBOUNDED_PROMPT,
		fields: { ...KONTEXT_COMMON, aspect_ratio: oneOf(KONTEXT_PRO_RATIOS) },
	},
	'/v1/ai/text-to-image/flux-kontext-max': {
		images: { kind: 'inputImageFields', required: true, max: 4 },
		prompt: UNBOUNDED_PROMPT,
		fields: {
			...KONTEXT_COMMON,
			aspect_ratio: oneOf([
				...KONTEXT_PRO_RATIOS,
				'portrait_2_3',
				'horizontal_2_1',
				'vertical_1_2',
				'social_post_4_5',
			]),
			safety_tolerance: integer(0, 6),
			output_format: oneOf(['jpeg', 'png']),
		},
	},
	'/v1/ai/text-to-image/seedream-v4-5-edit': {
		images: { kind: 'referenceStrings', min: 1, max: 5 },
		prompt: UNBOUNDED_PROMPT,
		fields: {
			aspect_ratio: oneOf(SEEDREAM_RATIOS),
			seed: integer(0, 2_147_483_647),
			webhook_url: url,
		},
	},
	'/v1/ai/text-to-image/nano-banana-pro': NANO_BANANA,
	'/v1/ai/text-to-image/nano-banana-pro-flash': NANO_BANANA,
};

/** The Upload Files API's content types for images (video and audio are not this node's). */
export const UPLOAD_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
