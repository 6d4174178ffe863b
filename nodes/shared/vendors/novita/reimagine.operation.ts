import type { INodeProperties } from 'n8n-workflow';

import { imageInputProperties } from '../../image/input';
import { outputBinaryProperty } from '../../image/output';
import { optionsCollection } from '../../run/options';
import { novitaExtraProperties, novitaOperation } from './imageEndpoint';

const MAX_BYTES = 30 * 1024 * 1024;

export const operation = novitaOperation({
	path: '/v3/reimagine',
	apiName: 'Novita Reimagine',
	outputSuffix: 'reimagined',
	// "Maximum resolution of 1024 x 1024 and a maximum file size of 30 MB."
	limits: { formats: ['png', 'jpeg', 'webp'], maxBytes: MAX_BYTES, maxSide: 1024 },
});

export const properties: INodeProperties[] = [
	...imageInputProperties,
	...novitaExtraProperties,
	outputBinaryProperty,
	optionsCollection(operation.defaultTimeoutMs),
];
