import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runImageNode } from '../shared/run/runner';
import { properties, router, subtitle } from './actions/router';
import { OPENAI_CREDENTIAL } from './transport/api';

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
			'Create variations of an image on OpenAI or any OpenAI-compatible host: GPT Image models (images/edits) with per-model checks before upload, or the Variations API (images/variations) that gateways still serve',
		defaults: { name: 'OpenAI Image Variation' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: OPENAI_CREDENTIAL.name, required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runImageNode(this, router);
	}
}
