import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { imageInputProperties } from '../../shared/image/input';
import { outputBinaryProperty } from '../../shared/image/output';
import { textParameter } from '../../shared/parameters';
import { chosenOperation, operationChoiceProperties } from '../../shared/run/operationChoice';
import { optionsCollection } from '../../shared/run/options';
import { engineChoice } from './engineChoice';
import { novitaExtraProperties, novitaOperation } from '../engines/classic';
import { NOVITA_TIMEOUT_MS } from '../transport/host';
import {
	promptTemplateProperty,
	QWEN_OPTIONS,
	qwenOperation,
	seedProperty,
} from '../engines/qwenImageEdit';

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

const qwen = qwenOperation({
	apiName: 'Novita Reimagine (Qwen Image Edit)',
	outputSuffix: 'reimagined',
	prompt: (ctx: IExecuteFunctions, itemIndex: number) =>
		textParameter(ctx, itemIndex, 'promptTemplate', 'Prompt Template', {
			requiredFix: `Say what to make of the image, e.g. "${DEFAULT_PROMPT}"`,
		}),
});

const ENGINE = engineChoice(PATH);

/** The operation of the node's engine for this run. */
export function operationFor(ctx: IExecuteFunctions) {
	return chosenOperation(ctx, ENGINE, { qwen, classic });
}

export const properties: INodeProperties[] = [
	...operationChoiceProperties(ENGINE),
	...imageInputProperties,
	promptTemplateProperty(
		DEFAULT_PROMPT,
		'What Qwen Image Edit makes of the image. The default asks for a variation, as Reimagine made.',
		'All Qwen Image Edit is told about the image: edit it to ask for another change than a variation',
	),
	seedProperty,
	...novitaExtraProperties,
	outputBinaryProperty,
	optionsCollection(NOVITA_TIMEOUT_MS, QWEN_OPTIONS),
];
