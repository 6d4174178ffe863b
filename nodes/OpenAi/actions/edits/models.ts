import type { MaskRule } from '../../../shared/image/validate';
import type { Choice } from '../../../shared/parameters';
import { orList } from '../../../shared/text';

// API "Edits (GPT Image models)": what each GPT Image model family takes (the model table), the
// size rule of the families that take custom sizes, and the Image Options' tables (one per
// dropdown, for both the UI and the checks). Data and the arithmetic on it: nothing here reads a
// parameter or sends a request.

export const DEFAULT_EDIT_MODEL = 'gpt-image-1.5';
export const KNOWN_EDIT_MODELS = [
	'gpt-image-1.5',
	'gpt-image-2',
	'gpt-image-2.6-sunburst',
	'gpt-image-2.6-flare',
	'gpt-image-1',
	'gpt-image-1-mini',
	'chatgpt-image-latest',
];
export const DEFAULT_VARIATION_PROMPT =
	'Create a variation of this image: keep its subject, composition and style, and vary the details.';
export const MAX_PROMPT_CHARS = 32_000;

/** "You can provide up to 16 images", the first one the image a mask applies to. */
export const EDIT_IMAGES = { min: 1, max: 16 };

/**
 * "An additional image whose fully transparent areas (e.g. where alpha is zero) indicate where
 * `image` should be edited. If there are multiple images provided, the mask will be applied on the
 * first image. Must be a valid PNG file, less than 4MB, and have the same dimensions as `image`."
 */
export const EDIT_MASK: MaskRule = {
	maxBytes: 4 * 1024 * 1024,
	maxBytesExclusive: true,
	text: 'a PNG with an alpha channel, less than 4 MB, the size of the first image; its transparent pixels mark what to edit',
};

// What each GPT Image model family takes on /images/edits, as OpenAI's reference gives it
// (openai/openai-openapi, CreateImageEditRequest and EditImageBodyJsonParam; OpenAI's image
// generation guide for gpt-image-2's sizes and 2.6's formats; a user's report for gpt-image-2's
// input_fidelity). The UI's hints, the checks before upload and the contract server read it; a
// model name that matches no family (a gateway's own name) gets only the schema's checks, never a
// refusal based on a guess. Adding a model is a row, or a name in a row's list.

export const STANDARD_QUALITIES = ['auto', 'low', 'medium', 'high'];
/** Qualities beyond high, added with gpt-image-2.5 and 2.6. */
export const EXTENDED_QUALITIES = ['xhigh', 'max'];

export const STANDARD_FORMATS = ['png', 'jpeg', 'webp'];
/** Output formats added with gpt-image-2.6: animated GIF and SVG vector images. */
export const NEWER_FORMATS = ['gif', 'svg'];

/** The fixed sizes both body forms take (the JSON form's whole list). */
export const FIXED_SIZES = ['auto', '1024x1024', '1536x1024', '1024x1536'];

/** The rule a WIDTHxHEIGHT size must meet, for the families that take any size. */
export interface CustomSizeRule {
	/** Each edge a multiple of this many pixels. */
	multiple: number;
	/** The longer edge at most this many pixels. */
	maxEdge: number;
	/** The longer edge at most this many times the shorter. */
	maxRatio: number;
	/** Width × height within these bounds. */
	minPixels: number;
	maxPixels: number;
}

/** "Maximum edge length 3840px, both edges multiples of 16px, long to short at most 3:1, total pixels 655,360 to 8,294,400." */
export const GPT_IMAGE_2_SIZES: CustomSizeRule = {
	multiple: 16,
	maxEdge: 3840,
	maxRatio: 3,
	minPixels: 655_360,
	maxPixels: 8_294_400,
};

export interface EditModelFamily {
	/** The family as messages name it. */
	name: string;
	/** Its model names; a dated snapshot (name-YYYY-MM-DD) belongs to its model. */
	models: readonly string[];
	/** Or, for families named by prefix (gpt-image-2.5-…), the prefixes. */
	prefixes?: readonly string[];
	/** The Input Fidelity values it takes ([]: it refuses the field); unset: not known, not checked. */
	inputFidelity?: readonly string[];
	/** The qualities it takes; unset: not checked. */
	qualities?: readonly string[];
	/** Whether it takes Complexity; unset: not checked. */
	complexity?: boolean;
	/** The rule of its Custom sizes; false: the fixed sizes only; unset: not checked. */
	customSize?: CustomSizeRule | false;
	/** The output formats it makes; unset: not checked. */
	outputFormats?: readonly string[];
}

const GPT_IMAGE_1 = {
	qualities: STANDARD_QUALITIES,
	complexity: false,
	customSize: false,
	outputFormats: STANDARD_FORMATS,
} as const;

export const EDIT_MODEL_FAMILIES: readonly EditModelFamily[] = [
	{
		name: 'gpt-image-1-mini',
		models: ['gpt-image-1-mini'],
		inputFidelity: ['low'],
		...GPT_IMAGE_1,
	},
	{
		name: 'gpt-image-1',
		models: ['gpt-image-1', 'gpt-image-1.5', 'chatgpt-image-latest'],
		inputFidelity: ['low', 'high'],
		...GPT_IMAGE_1,
	},
	{
		// "The model 'gpt-image-2' does not support the 'input_fidelity' parameter."
		name: 'gpt-image-2',
		models: ['gpt-image-2'],
		inputFidelity: [],
		qualities: STANDARD_QUALITIES,
		complexity: false,
		customSize: GPT_IMAGE_2_SIZES,
		outputFormats: STANDARD_FORMATS,
	},
	{
		name: 'gpt-image-2.5',
		models: [],
		prefixes: ['gpt-image-2.5-'],
		qualities: [...STANDARD_QUALITIES, ...EXTENDED_QUALITIES],
		complexity: true,
		customSize: GPT_IMAGE_2_SIZES,
		outputFormats: STANDARD_FORMATS,
	},
	{
		name: 'gpt-image-2.6',
		models: [],
		prefixes: ['gpt-image-2.6-'],
		qualities: [...STANDARD_QUALITIES, ...EXTENDED_QUALITIES],
		complexity: true,
		customSize: GPT_IMAGE_2_SIZES,
		outputFormats: [...STANDARD_FORMATS, ...NEWER_FORMATS],
	},
];

const SNAPSHOT = /-\d{4}-\d{2}-\d{2}$/;

/** The family of a model name, or undefined for a name the reference does not list. */
export function editModelFamily(model: string): EditModelFamily | undefined {
	const name = model.replace(SNAPSHOT, '');
	return EDIT_MODEL_FAMILIES.find(
		(family) =>
			family.models.includes(name) ||
			(family.prefixes ?? []).some((prefix) => model.startsWith(prefix)),
	);
}

/** The families that take a field, by name, for messages ("gpt-image-2.5 or gpt-image-2.6"). */
export function familiesWhere(takes: (family: EditModelFamily) => boolean): string {
	return orList(EDIT_MODEL_FAMILIES.filter(takes).map((family) => family.name));
}

// A Custom size (WIDTHxHEIGHT) against a family's rule: what is wrong with it, and the nearest
// size the rule allows, so that a refusal names its fix.

const pixels = (value: number) => value.toLocaleString('en-US');

/** The rule in a few words, for a fix or a hint. */
export function customRuleText(rule: CustomSizeRule): string {
	return `edges multiples of ${rule.multiple}, the longer at most ${pixels(rule.maxEdge)} pixels and ${rule.maxRatio} times the shorter, ${pixels(rule.minPixels)} to ${pixels(rule.maxPixels)} pixels in all`;
}

/** What breaks the rule, in the words of a message; undefined when the size is valid. */
export function customSizeProblem(
	width: number,
	height: number,
	rule: CustomSizeRule,
): string | undefined {
	const [long, short] = width >= height ? [width, height] : [height, width];
	if (width % rule.multiple !== 0 || height % rule.multiple !== 0)
		return `each edge must be a multiple of ${rule.multiple} pixels`;
	if (long > rule.maxEdge) return `the longer edge must be at most ${pixels(rule.maxEdge)} pixels`;
	if (long > short * rule.maxRatio)
		return `the longer edge must be at most ${rule.maxRatio} times the shorter (${rule.maxRatio}:1)`;
	if (width * height < rule.minPixels || width * height > rule.maxPixels)
		return `width × height must be from ${pixels(rule.minPixels)} to ${pixels(rule.maxPixels)} pixels, but is ${pixels(width * height)}`;
	return undefined;
}

/** The size closest in shape and area that the rule allows. */
export function nearestCustomSize(
	width: number,
	height: number,
	rule: CustomSizeRule,
): [number, number] {
	let [w, h] = [width, height];
	// Shape first (the ratio), then scale into the edge and pixel bounds, keeping the shape.
	if (w > h * rule.maxRatio) h = w / rule.maxRatio;
	else if (h > w * rule.maxRatio) w = h / rule.maxRatio;
	const fit = Math.min(1, rule.maxEdge / Math.max(w, h), Math.sqrt(rule.maxPixels / (w * h)));
	const grow = Math.max(1, Math.sqrt(rule.minPixels / (w * h)));
	const scale = fit < 1 ? fit : grow;
	const round = (edge: number) =>
		Math.max(rule.multiple, Math.round((edge * scale) / rule.multiple) * rule.multiple);
	let [W, H] = [round(w), round(h)];
	// Rounding to the multiple can leave a bound crossed by one step: step back inside it.
	for (let step = 0; step < 64 && customSizeProblem(W, H, rule); step++) {
		const wider = W >= H;
		const tooBig = Math.max(W, H) > rule.maxEdge || W * H > rule.maxPixels;
		if (tooBig) [W, H] = wider ? [W - rule.multiple, H] : [W, H - rule.multiple];
		else [W, H] = wider ? [W, H + rule.multiple] : [W + rule.multiple, H];
	}
	return [W, H];
}

// API "Edits (GPT Image models)": the Image Options of POST /images/edits (CreateImageEditRequest
// in OpenAI's API reference), one table per dropdown for both the UI and the checks.

// Which models take what, as the model table says: a new row shows in the editor's hints too.
export const CUSTOM_SIZE_MODELS = familiesWhere((family) => Boolean(family.customSize));
const EXTENDED_QUALITY_MODELS = familiesWhere(
	(family) => family.qualities?.includes('max') === true,
);
const COMPLEXITY_MODELS = familiesWhere((family) => family.complexity === true);
const NEWER_FORMAT_MODELS = familiesWhere(
	(family) => family.outputFormats?.includes('svg') === true,
);

const SIZES: ReadonlyArray<Choice> = [
	['Auto', 'auto', 'The model picks the size'],
	['1024×1024 (Square)', '1024x1024'],
	['1536×1024 (Landscape)', '1536x1024'],
	['1024×1536 (Portrait)', '1024x1536'],
	['Custom', 'custom', `Custom Width × Custom Height (${CUSTOM_SIZE_MODELS}; Upload As Multipart)`],
];
export const QUALITIES: ReadonlyArray<Choice> = [
	['Auto', 'auto', 'The model picks the quality'],
	['Low', 'low'],
	['Medium', 'medium'],
	['High', 'high'],
	['X-High', 'xhigh', EXTENDED_QUALITY_MODELS],
	['Max', 'max', EXTENDED_QUALITY_MODELS],
];
const COMPLEXITIES: ReadonlyArray<Choice> = [
	['Low', 'low'],
	['Medium', 'medium'],
	['High', 'high'],
];
const BACKGROUNDS: ReadonlyArray<Choice> = [
	['Auto', 'auto', 'The model picks'],
	['Transparent', 'transparent', 'Needs PNG or WEBP output'],
	['Opaque', 'opaque'],
];
export const OUTPUT_FORMATS: ReadonlyArray<Choice> = [
	['PNG', 'png'],
	['JPEG', 'jpeg'],
	['WEBP', 'webp'],
	['GIF', 'gif', `Animated GIF (${NEWER_FORMAT_MODELS})`],
	['SVG', 'svg', `Vector image (${NEWER_FORMAT_MODELS})`],
];
const INPUT_FIDELITIES: ReadonlyArray<Choice> = [
	['Low', 'low'],
	['High', 'high', 'Keeps faces, logos and other details of the input closer'],
];
const MODERATIONS: ReadonlyArray<Choice> = [
	['Auto', 'auto', 'OpenAI’s standard filtering'],
	['Low', 'low', 'Less restrictive filtering'],
];

export interface ChoiceField {
	displayName: string;
	/** The field's name in the request body. */
	apiField: string;
	choices: ReadonlyArray<Choice>;
	description: string;
}

/** The dropdowns of Image Options: each is sent only when the user added it. */
export const CHOICE_FIELDS: Record<string, ChoiceField> = {
	size: {
		displayName: 'Size',
		apiField: 'size',
		choices: SIZES,
		description: `Size of the generated images; Custom takes Custom Width and Custom Height (${CUSTOM_SIZE_MODELS})`,
	},
	quality: {
		displayName: 'Quality',
		apiField: 'quality',
		choices: QUALITIES,
		description: `Higher quality costs more output tokens and takes longer; X-High and Max need ${EXTENDED_QUALITY_MODELS}`,
	},
	complexity: {
		displayName: 'Complexity',
		apiField: 'complexity',
		choices: COMPLEXITIES,
		description: `How complex a scene the model plans for (${COMPLEXITY_MODELS})`,
	},
	background: {
		displayName: 'Background',
		apiField: 'background',
		choices: BACKGROUNDS,
		description: 'Transparency of the background; transparent needs PNG or WEBP output',
	},
	outputFormat: {
		displayName: 'Output Format',
		apiField: 'output_format',
		choices: OUTPUT_FORMATS,
		description: 'Format of the generated images (the API’s default is PNG)',
	},
	inputFidelity: {
		displayName: 'Input Fidelity',
		apiField: 'input_fidelity',
		choices: INPUT_FIDELITIES,
		description:
			'How closely the result follows the input image’s features; gpt-image-1-mini supports Low only',
	},
	moderation: {
		displayName: 'Moderation',
		apiField: 'moderation',
		choices: MODERATIONS,
		description: 'Strictness of OpenAI’s content filtering of the generated images',
	},
};

/** The Image Options collection's name: the editor shows it, the run reads it. */
export const IMAGE_OPTIONS = 'imageOptions';

export const COMPRESSION = {
	displayName: 'Output Compression',
	name: 'outputCompression',
	min: 0,
	max: 100,
};

/** The edges of a Custom size: whole pixels, checked against the model's rule before upload. */
export const CUSTOM_EDGES = [
	{ displayName: 'Custom Width', name: 'customWidth' },
	{ displayName: 'Custom Height', name: 'customHeight' },
] as const;
export const FIXED_SIZE_TEXT = FIXED_SIZES.map((size) =>
	size === 'auto' ? 'Auto' : size.replace('x', '×'),
).join(', ');
