import type { INodeProperties } from 'n8n-workflow';

import { additionalImagesByMax, imageInputProperties } from '../../shared/image/imageProperties';
import { outputBinaryProperty } from '../../shared/image/output';
import type { Choice } from '../../shared/parameters';
import type { ModelDropdown } from '../../shared/run/modelOptions';
import { modelOptionsProperty } from '../../shared/run/modelOptions';
import type { OperationChoice } from '../../shared/run/operationChoice';
import { operationChoiceProperties } from '../../shared/run/operationChoice';
import { optionsCollection } from '../../shared/run/options';
import type { OperationRouter } from '../../shared/run/runner';
import { MAGNIFIC_MODELS } from '../models';
import type { MagnificModel } from '../models/model';
import { FREEPIK_TIMEOUT_MS } from '../transport/api';
import { modelOperation } from './model.operation';
import {
	completionProperty,
	downloadImagesProperty,
	FREEPIK_OPTIONS,
	webhookUrlProperty,
} from './parameters';
import { reimagineFluxOperation, reimagineFluxProperties } from './reimagineFlux.operation';

// The Freepik node runs one of Magnific's models: Reimagine Flux (its first API, the default of
// every saved workflow) or any model declared in models/. The Model dropdown, the parameters each
// model shows and the dispatch are built from the declarations.

const REIMAGINE_FLUX = 'reimagineFlux';

export const modelChoice: OperationChoice<string> = {
	displayName: 'Model',
	name: 'model',
	choices: [
		[
			'Reimagine Flux',
			REIMAGINE_FLUX,
			'POST /v1/ai/beta/text-to-image/reimagine-flux: a new take on one image (synchronous beta)',
		],
		...MAGNIFIC_MODELS.map((model): Choice => [model.displayName, model.value, model.description]),
	],
	defaultByVersion: { 1: REIMAGINE_FLUX },
	hint: 'Reimagine Flux answers at once; the other models run as tasks the node waits for',
};

const MODEL_VALUES = MAGNIFIC_MODELS.map((model) => model.value);

export const MAGNIFIC_MODEL_DROPDOWN: ModelDropdown<MagnificModel> = {
	vendorName: 'Magnific',
	parameter: 'model',
	models: MAGNIFIC_MODELS,
	valueOf: (model) => model.value,
};

const modelPromptProperty: INodeProperties = {
	displayName: 'Prompt',
	name: 'prompt',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	required: true,
	placeholder: 'Put the product on a marble table in soft morning light',
	description:
		'What to make of the images: the edit to apply or the scene to create (Nano Banana: 2 to 3,000 characters)',
	displayOptions: { show: { model: MODEL_VALUES } },
};

export const properties: INodeProperties[] = [
	...operationChoiceProperties(modelChoice),
	...imageInputProperties,
	...additionalImagesByMax(
		'model',
		MAGNIFIC_MODELS.map((model) => ({
			value: model.value,
			name: model.displayName,
			max: model.images.count.max,
		})),
	),
	...reimagineFluxProperties,
	modelPromptProperty,
	modelOptionsProperty(MAGNIFIC_MODEL_DROPDOWN),
	completionProperty(MODEL_VALUES),
	webhookUrlProperty,
	downloadImagesProperty,
	{ ...outputBinaryProperty, displayOptions: { show: { downloadImages: [true] } } },
	optionsCollection(FREEPIK_TIMEOUT_MS, FREEPIK_OPTIONS),
];

export const router: OperationRouter = {
	choice: modelChoice,
	operations: {
		[REIMAGINE_FLUX]: reimagineFluxOperation,
		...Object.fromEntries(MAGNIFIC_MODELS.map((model) => [model.value, modelOperation(model)])),
	},
};

const NAMES = JSON.stringify(
	Object.fromEntries(MAGNIFIC_MODELS.map((model) => [model.value, model.displayName])),
);

/** On the node in the canvas: "reimagine flux → original", or the model, e.g. "Flux Kontext Max". */
export const subtitle = `={{$parameter["model"] === "${REIMAGINE_FLUX}" ? "reimagine flux → " + $parameter["aspectRatio"] : ${NAMES}[$parameter["model"]]}}`;
