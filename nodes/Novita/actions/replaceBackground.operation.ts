import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { imageInputProperties } from '../../shared/image/input';
import { outputBinaryProperty } from '../../shared/image/output';
import { parameterError, textParameter } from '../../shared/parameters';
import { operationChoiceProperties } from '../../shared/run/operationChoice';
import type { OperationRouter } from '../../shared/run/runner';
import { optionsCollection } from '../../shared/run/options';
import { engineChoice, engineOperations } from './engineChoice';
import { novitaExtraProperties, novitaOperation } from '../engines/classic';
import { NOVITA_TIMEOUT_MS } from '../transport/host';
import {
	MODEL_POLL_OPTIONS,
	modelOptionsProperty,
	promptTemplateProperty,
	seedProperty,
} from '../engines/modelParameters';

export { engineSubtitle as subtitle } from './engineChoice';

const PATH = '/v3/replace-background';
const MAX_BYTES = 30 * 1024 * 1024;
/** Where the node's Prompt goes in the Prompt Template. */
const PROMPT_SLOT = '{prompt}';
const DEFAULT_TEMPLATE = `Replace the background with: ${PROMPT_SLOT}. Keep the subject unchanged.`;

function backgroundPrompt(ctx: IExecuteFunctions, itemIndex: number): string {
	return textParameter(ctx, itemIndex, 'prompt', 'Prompt', {
		requiredFix: 'Describe the new background, e.g. "in a warehouse". Novita requires a prompt.',
	});
}

const classic = novitaOperation({
	path: PATH,
	apiName: 'Novita Replace Background',
	outputSuffix: 'new-background',
	// "Maximum resolution of 2048 x 2048 and a maximum file size of 30 MB (width <= 4096, height <= 4096)."
	limits: {
		formats: ['png', 'jpeg', 'webp'],
		maxBytes: MAX_BYTES,
		maxSide: 4096,
		maxPixels: { width: 2048, height: 2048 },
	},
	extraBody: (ctx, itemIndex) => ({ prompt: backgroundPrompt(ctx, itemIndex) }),
});

/** The Prompt Template with the node's Prompt in its slot; a template without the slot would drop it. */
function modelPrompt(ctx: IExecuteFunctions, itemIndex: number): string {
	const background = backgroundPrompt(ctx, itemIndex);
	const template = textParameter(ctx, itemIndex, 'promptTemplate', 'Prompt Template', {
		requiredFix: `Use the default, "${DEFAULT_TEMPLATE}".`,
	});
	if (!template.includes(PROMPT_SLOT)) {
		parameterError(
			ctx,
			itemIndex,
			`Prompt Template has no ${PROMPT_SLOT}, so the Prompt would not be sent`,
			`Put ${PROMPT_SLOT} where the background description goes, e.g. "${DEFAULT_TEMPLATE}".`,
		);
	}
	return template.split(PROMPT_SLOT).join(background);
}

const OPERATIONS = engineOperations(
	{ nodeName: 'Novita Replace Background', outputSuffix: 'new-background', prompt: modelPrompt },
	classic,
);

const ENGINE = engineChoice(PATH);

/** The node's dispatch: the Engine dropdown chooses the operation. */
export const router: OperationRouter = { choice: ENGINE, operations: OPERATIONS };

export const properties: INodeProperties[] = [
	...operationChoiceProperties(ENGINE),
	...imageInputProperties,
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
	modelOptionsProperty(),
	optionsCollection(NOVITA_TIMEOUT_MS, MODEL_POLL_OPTIONS),
];
