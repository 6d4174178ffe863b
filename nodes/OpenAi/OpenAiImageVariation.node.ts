import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeImageOperation } from '../shared/run/execute';
import { operationFor, properties, subtitle } from './actions/imageVariation.operation';

export class OpenAiImageVariation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenAI Image Variation',
		name: 'openAiImageVariation',
		icon: { light: 'file:../../icons/openai.svg', dark: 'file:../../icons/openai.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle,
		description:
			'Create variations of an image with GPT Image models (images/edits), or with DALL·E 2 on gateways (images/variations)',
		defaults: { name: 'OpenAI Image Variation' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openAiImagesApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeImageOperation(this, operationFor(this));
	}
}
