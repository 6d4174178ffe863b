import type { INodeProperties } from 'n8n-workflow';

import { imageInputProperties } from '../../shared/image/imageProperties';
import { outputBinaryProperty } from '../../shared/image/output';
import type { Choice } from '../../shared/parameters';
import type { OperationChoice } from '../../shared/run/operationChoice';
import { operationChoiceProperties } from '../../shared/run/operationChoice';
import { optionsCollection } from '../../shared/run/options';
import type { OperationRouter } from '../../shared/run/runner';
import { OPENAI_TIMEOUT_MS } from '../transport/api';
import { numberOfImagesProperty, userProperty } from './common';
import { EDIT_OPTIONS, editsOperation } from './edits/edits.operation';
import { editImageProperties, editProperties, imageOptionsProperty } from './edits/properties';
import {
	modelProperty,
	VARIATION_OPTIONS,
	variationProperties,
	variationsOperation,
} from './variations/variations.operation';

// The OpenAI Image Variation node: one of two APIs per node. Version 1 nodes (saved before the
// Edits API existed) keep Variations as their default, so their workflows run as before.

const APIS: ReadonlyArray<Choice<'edits' | 'variations'>> = [
	[
		'Edits (GPT Image Models)',
		'edits',
		'POST /images/edits with gpt-image-1.5 and other GPT Image models: what OpenAI serves today',
	],
	[
		'Variations (DALL·E 2, for Gateways)',
		'variations',
		'POST /images/variations, for gateways that still serve dall-e-2 (OpenAI removed it in 2026)',
	],
];

/** Version 1 nodes keep Variations; version 2 makes variations with the Edits API. */
const API: OperationChoice<'edits' | 'variations'> = {
	displayName: 'API',
	name: 'api',
	choices: APIS,
	defaultByVersion: { 1: 'variations', 2: 'edits' },
	hint: 'Edits runs on OpenAI today (GPT Image models); Variations only on a gateway that still serves dall-e-2',
};

export const properties: INodeProperties[] = [
	...operationChoiceProperties(API),
	...imageInputProperties,
	...editImageProperties,
	modelProperty,
	...editProperties,
	numberOfImagesProperty,
	...variationProperties,
	imageOptionsProperty,
	userProperty,
	outputBinaryProperty,
	optionsCollection(OPENAI_TIMEOUT_MS, { ...VARIATION_OPTIONS, ...EDIT_OPTIONS }),
];

/** The API and model on the node in the canvas, e.g. "Edits: gpt-image-1.5 × 2". */
export const subtitle =
	'={{$parameter["api"] === "variations" ? "Variations: " + $parameter["model"] + " × " + $parameter["n"] + " @ " + $parameter["size"] : "Edits: " + $parameter["imageModel"] + " × " + $parameter["n"]}}';

/** The node's dispatch: the API dropdown chooses the operation. */
export const router: OperationRouter<'edits' | 'variations'> = {
	choice: API,
	operations: { edits: editsOperation, variations: variationsOperation },
};
