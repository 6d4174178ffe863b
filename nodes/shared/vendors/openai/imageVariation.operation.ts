import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { imageInputProperties } from '../../image/input';
import { outputBinaryProperty } from '../../image/output';
import type { Choice } from '../../parameters';
import { choiceOptions, choiceParameter, choiceValues } from '../../parameters';
import type { ImageOperation } from '../../run/execute';
import { optionsCollection } from '../../run/options';
import { numberOfImagesProperty, OPENAI_TIMEOUT_MS, userProperty } from './common';
import { EDIT_OPTIONS, editsOperation } from './edits';
import { editProperties, imageOptionsProperty } from './editParameters';
import {
	modelProperty,
	VARIATION_OPTIONS,
	variationProperties,
	variationsOperation,
} from './variations';

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

function apiProperty(version: number, defaultApi: 'edits' | 'variations'): INodeProperties {
	return {
		displayName: 'API',
		name: 'api',
		type: 'options',
		noDataExpression: true,
		options: choiceOptions(APIS),
		default: defaultApi,
		displayOptions: { show: { '@version': [version] } },
	};
}

export const properties: INodeProperties[] = [
	apiProperty(1, 'variations'),
	apiProperty(2, 'edits'),
	...imageInputProperties,
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

/** The operation of the node's API (a noDataExpression parameter: the same for every item). */
export function operationFor(ctx: IExecuteFunctions): ImageOperation<never> {
	const api = choiceParameter(ctx, 0, 'api', 'API', choiceValues(APIS), 'variations');
	return (api === 'edits' ? editsOperation : variationsOperation) as ImageOperation<never>;
}
