import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runImageNode } from '../shared/run/runner';
import { CALLBACK_WEBHOOKS, resumeOnCallback } from './actions/callbackResume';
import { waitForCallbacks } from './actions/callbackWait';
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
		// Completion "Wait for Webhook": Magnific calls the waiting execution's resume URL, and n8n
		// runs webhook() for each call.
		webhooks: CALLBACK_WEBHOOKS,
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await waitForCallbacks(this, await runImageNode(this, router), router);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeOnCallback(this, router);
	}
}
