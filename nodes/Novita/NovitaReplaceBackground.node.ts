import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runImageNode } from '../shared/run/runner';
import { properties, router, subtitle } from './actions/replaceBackground';
import { NOVITA_CREDENTIAL } from './transport/api';

export class NovitaReplaceBackground implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Novita Replace Background',
		name: 'novitaReplaceBackground',
		icon: { light: 'file:../../icons/novita.svg', dark: 'file:../../icons/novita.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle,
		description:
			'Replace the background of an image with Novita AI, following a prompt: Qwen Image Edit, FLUX.1 Kontext, Seedream 4.5, or the classic endpoint',
		defaults: { name: 'Novita Replace Background' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: NOVITA_CREDENTIAL.name, required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runImageNode(this, router);
	}
}
