import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeImageOperation } from '../shared/run/execute';
import { operation, properties } from '../shared/vendors/openai/imageVariation.operation';

export class OpenAiImageVariation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenAI Image Variation',
		name: 'openAiImageVariation',
		icon: { light: 'file:../../icons/openai.svg', dark: 'file:../../icons/openai.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["model"] + " × " + $parameter["n"] + " @ " + $parameter["size"]}}',
		description:
			'Create variations of a square PNG with the OpenAI images/variations API, on OpenAI-compatible gateways',
		defaults: { name: 'OpenAI Image Variation' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openAiImagesApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeImageOperation(this, operation);
	}
}
