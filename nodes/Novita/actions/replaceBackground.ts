import type { INodeProperties } from 'n8n-workflow';

import { imageInputProperties } from '../../shared/image/imageProperties';
import { outputBinaryProperty } from '../../shared/image/output';
import { operationChoiceProperties } from '../../shared/run/operationChoice';
import { modelOptionsProperty } from '../../shared/run/modelOptions';
import { optionsCollection } from '../../shared/run/options';
import { NOVITA_TIMEOUT_MS } from '../transport/api';
import { novitaExtraProperties } from './classic.operation';
import type { NovitaNode } from './parameters';
import {
	additionalImagesProperties,
	MODEL_POLL_OPTIONS,
	NOVITA_MODEL_DROPDOWN,
	promptTemplateProperty,
	seedProperty,
} from './parameters';
import { engineChoice, engineRouter } from './router';

export { engineSubtitle as subtitle } from './router';

// The Novita Replace Background node: what it is (data its engines read) and the parameters it
// shows. Its Prompt names the new background; the models get it inside the Prompt Template.

/** Where the node's Prompt goes in the Prompt Template. */
const PROMPT_SLOT = '{prompt}';
const DEFAULT_TEMPLATE = `Replace the background with: ${PROMPT_SLOT}. Keep the subject unchanged.`;

const REPLACE_BACKGROUND: NovitaNode = {
	nodeName: 'Novita Replace Background',
	outputSuffix: 'new-background',
	promptTemplate: {
		default: DEFAULT_TEMPLATE,
		requiredFix: `Use the default, "${DEFAULT_TEMPLATE}".`,
	},
	prompt: {
		slot: PROMPT_SLOT,
		requiredFix: 'Describe the new background, e.g. "in a warehouse". Novita requires a prompt.',
	},
	classic: {
		path: '/v3/replace-background',
		// "Maximum resolution of 2048 x 2048 and a maximum file size of 30 MB (width <= 4096, height <= 4096)."
		limits: {
			formats: ['png', 'jpeg', 'webp'],
			maxBytes: 30 * 1024 * 1024,
			maxSide: 4096,
			maxPixels: { width: 2048, height: 2048 },
		},
	},
};

/** The node's dispatch: the Engine dropdown chooses the operation. */
export const router = engineRouter(REPLACE_BACKGROUND);

export const properties: INodeProperties[] = [
	...operationChoiceProperties(engineChoice(REPLACE_BACKGROUND.classic.path)),
	...imageInputProperties,
	...additionalImagesProperties(),
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'in a warehouse',
		description: 'Describes the new background',
		hint: 'Only the new background, e.g. "in a warehouse"; on a model engine it goes into the Prompt Template below',
	},
	promptTemplateProperty(
		DEFAULT_TEMPLATE,
		`The instruction sent to the model; ${PROMPT_SLOT} stands for the Prompt above`,
		`The Prompt says which background, this template how to ask for it: ${PROMPT_SLOT} is replaced by the Prompt`,
	),
	seedProperty,
	...novitaExtraProperties,
	outputBinaryProperty,
	modelOptionsProperty(NOVITA_MODEL_DROPDOWN),
	optionsCollection(NOVITA_TIMEOUT_MS, MODEL_POLL_OPTIONS),
];
