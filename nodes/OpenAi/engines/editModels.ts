import { orList } from '../../shared/text';

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
