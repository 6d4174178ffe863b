// What each GPT Image model family takes on /images/edits, as OpenAI's reference gives it
// (openai/openai-openapi, CreateImageEditRequest and EditImageBodyJsonParam; a user's report for
// gpt-image-2's input_fidelity). The checks before upload read it; a model name that matches no
// family (a gateway's own name) gets only the schema's checks, never a refusal based on a guess.
// Adding a model is a row, or a name in a row's list.

export const STANDARD_QUALITIES = ['auto', 'low', 'medium', 'high'];
/** Qualities beyond high, added with gpt-image-2.5 and 2.6. */
export const EXTENDED_QUALITIES = ['xhigh', 'max'];

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
}

export const EDIT_MODEL_FAMILIES: readonly EditModelFamily[] = [
	{
		name: 'gpt-image-1-mini',
		models: ['gpt-image-1-mini'],
		inputFidelity: ['low'],
		qualities: STANDARD_QUALITIES,
		complexity: false,
	},
	{
		name: 'gpt-image-1',
		models: ['gpt-image-1', 'gpt-image-1.5', 'chatgpt-image-latest'],
		inputFidelity: ['low', 'high'],
		qualities: STANDARD_QUALITIES,
		complexity: false,
	},
	{
		// "The model 'gpt-image-2' does not support the 'input_fidelity' parameter."
		name: 'gpt-image-2',
		models: ['gpt-image-2'],
		inputFidelity: [],
		qualities: STANDARD_QUALITIES,
		complexity: false,
	},
	{
		name: 'gpt-image-2.5 and 2.6',
		models: [],
		prefixes: ['gpt-image-2.5-', 'gpt-image-2.6-'],
		qualities: [...STANDARD_QUALITIES, ...EXTENDED_QUALITIES],
		complexity: true,
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
