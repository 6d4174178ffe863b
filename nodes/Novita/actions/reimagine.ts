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

// The Novita Reimagine node: what it is (data its engines read) and the parameters it shows.

const DEFAULT_PROMPT =
	'Create a variation of this image: keep its subject, composition and style, and vary the details.';

const REIMAGINE: NovitaNode = {
	nodeName: 'Novita Reimagine',
	outputSuffix: 'reimagined',
	promptTemplate: {
		default: DEFAULT_PROMPT,
		requiredFix: `Say what to make of the image, e.g. "${DEFAULT_PROMPT}"`,
	},
	classic: {
		path: '/v3/reimagine',
		// "Maximum resolution of 1024 x 1024 and a maximum file size of 30 MB."
		limits: { formats: ['png', 'jpeg', 'webp'], maxBytes: 30 * 1024 * 1024, maxSide: 1024 },
	},
};

/** The node's dispatch: the Engine dropdown chooses the operation. */
export const router = engineRouter(REIMAGINE);

export const properties: INodeProperties[] = [
	...operationChoiceProperties(engineChoice(REIMAGINE.classic.path)),
	...imageInputProperties,
	...additionalImagesProperties(),
	promptTemplateProperty(
		DEFAULT_PROMPT,
		'What the model makes of the image. The default asks for a variation, as Reimagine made.',
		'All the model is told about the image: edit it to ask for another change than a variation',
	),
	seedProperty,
	...novitaExtraProperties,
	outputBinaryProperty,
	modelOptionsProperty(NOVITA_MODEL_DROPDOWN),
	optionsCollection(NOVITA_TIMEOUT_MS, MODEL_POLL_OPTIONS),
];
