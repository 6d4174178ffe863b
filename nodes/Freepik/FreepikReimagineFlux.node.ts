import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runImageNode } from '../shared/run/runner';
import { properties, router, subtitle } from './actions/router';
import { FREEPIK_CREDENTIAL } from './transport/api';

export class FreepikReimagineFlux implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Freepik Reimagine Flux',
		name: 'freepikReimagineFlux',
		icon: { light: 'file:../../icons/freepik.svg', dark: 'file:../../icons/freepik.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle,
		description:
			'Edit images with Magnific (formerly Freepik): Reimagine Flux, Flux Kontext Pro and Max, Seedream 4.5 Edit, Nano Banana Pro and Pro Flash; waits for the task and downloads the results',
		defaults: { name: 'Freepik Reimagine Flux' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: FREEPIK_CREDENTIAL.name, required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runImageNode(this, router);
	}
}
