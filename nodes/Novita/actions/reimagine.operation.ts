import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { imageInputProperties } from '../../shared/image/input';
import { outputBinaryProperty } from '../../shared/image/output';
import { textParameter } from '../../shared/parameters';
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

const PATH = '/v3/reimagine';
const MAX_BYTES = 30 * 1024 * 1024;
const DEFAULT_PROMPT =
	'Create a variation of this image: keep its subject, composition and style, and vary the details.';

const classic = novitaOperation({
	path: PATH,
	apiName: 'Novita Reimagine',
	outputSuffix: 'reimagined',
	// "Maximum resolution of 1024 x 1024 and a maximum file size of 30 MB."
	limits: { formats: ['png', 'jpeg', 'webp'], maxBytes: MAX_BYTES, maxSide: 1024 },
});

const OPERATIONS = engineOperations(
	{
		nodeName: 'Novita Reimagine',
		outputSuffix: 'reimagined',
		prompt: (ctx: IExecuteFunctions, itemIndex: number) =>
			textParameter(ctx, itemIndex, 'promptTemplate', 'Prompt Template', {
				requiredFix: `Say what to make of the image, e.g. "${DEFAULT_PROMPT}"`,
			}),
	},
	classic,
);

const ENGINE = engineChoice(PATH);

/** The node's dispatch: the Engine dropdown chooses the operation. */
export const router: OperationRouter = { choice: ENGINE, operations: OPERATIONS };

export const properties: INodeProperties[] = [
	...operationChoiceProperties(ENGINE),
	...imageInputProperties,
	promptTemplateProperty(
		DEFAULT_PROMPT,
		'What the model makes of the image. The default asks for a variation, as Reimagine made.',
		'All the model is told about the image: edit it to ask for another change than a variation',
	),
	seedProperty,
	...novitaExtraProperties,
	outputBinaryProperty,
	modelOptionsProperty(),
	optionsCollection(NOVITA_TIMEOUT_MS, MODEL_POLL_OPTIONS),
];
