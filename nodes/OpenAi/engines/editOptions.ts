import type { INodeProperties } from 'n8n-workflow';

import type { Choice } from '../../shared/parameters';
import { choiceOptions } from '../../shared/parameters';
import { customRuleText } from './customSize';
import { FIXED_SIZES, GPT_IMAGE_2_SIZES, familiesWhere } from './editModels';

// API "Edits (GPT Image models)": the Image Options of POST /images/edits (CreateImageEditRequest
// in OpenAI's API reference), one table per dropdown for both the UI and the checks.

export const editsOnly = { show: { api: ['edits'] } };

// Which models take what, as the model table says: a new row shows in the editor's hints too.
const CUSTOM_SIZE_MODELS = familiesWhere((family) => Boolean(family.customSize));
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

interface ChoiceField {
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

/** A dropdown of Image Options; its first choice is the API's own default. */
function choiceFieldProperty(name: string, field: ChoiceField): INodeProperties {
	const common = { displayName: field.displayName, name, description: field.description };
	return {
		...common,
		type: 'options',
		options: choiceOptions(field.choices),
		default: field.choices[0][1],
	};
}

export const imageOptionsProperty: INodeProperties = {
	displayName: 'Image Options',
	name: 'imageOptions',
	type: 'collection',
	placeholder: 'Add Image Option',
	default: {},
	displayOptions: editsOnly,
	description: 'Sent to the API only when added; otherwise the API decides',
	options: [
		...Object.entries(CHOICE_FIELDS).map(([name, field]) => choiceFieldProperty(name, field)),
		{
			displayName: COMPRESSION.displayName,
			name: COMPRESSION.name,
			type: 'number' as const,
			typeOptions: { minValue: COMPRESSION.min, maxValue: COMPRESSION.max, numberPrecision: 0 },
			default: 100,
			description: 'Compression level (0–100 %) of JPEG and WEBP output',
		},
		...CUSTOM_EDGES.map(({ displayName, name }) => ({
			displayName,
			name,
			type: 'number' as const,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1024,
			description: `Used when Size is Custom. For ${CUSTOM_SIZE_MODELS}: ${customRuleText(GPT_IMAGE_2_SIZES)}.`,
		})),
	].sort((a, b) => a.displayName.localeCompare(b.displayName)),
};
