import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseHttpUrl } from '../../shared/http/httpUrl';
import type { Choice } from '../../shared/parameters';
import {
	booleanParameter,
	choiceOptions,
	choiceParameter,
	choiceValues,
	textParameter,
} from '../../shared/parameters';
import type { OperationRun } from '../../shared/run/runner';
import { pollOptionSpecs } from '../../shared/run/pollOptions';

// The parameters every model of the Freepik node reads alike: how the node learns a task is done
// (polling, or n8n waiting for Magnific's callback), the user's own webhook, whether to download,
// and how long to wait for a task (Freepik's own tools poll every 5 s for up to 120 s).

export const FREEPIK_OPTIONS = pollOptionSpecs({ maxWaitSeconds: 120, pollIntervalSeconds: 5 });

export type FreepikRun = OperationRun<typeof FREEPIK_OPTIONS>;

export type Completion = 'poll' | 'webhook';

const COMPLETIONS: ReadonlyArray<Choice<Completion>> = [
	[
		'Poll',
		'poll',
		'The node asks for the task status until it is done; the execution runs all the while',
	],
	[
		'Wait for Webhook',
		'webhook',
		"n8n stores the execution and frees the worker; Magnific calls n8n's resume URL when the task is done (n8n's WEBHOOK_URL must be reachable from the internet)",
	],
];

/** How the node learns a Magnific task finished; offered on the models whose page documents `webhook_url` and a status GET. */
export function completionProperty(models: string[]): INodeProperties {
	return {
		displayName: 'Completion',
		name: 'completion',
		type: 'options',
		options: choiceOptions(COMPLETIONS),
		default: 'poll',
		description:
			'Wait for Webhook needs the Webhook Secret in the credential; failed tasks then come out as error items (n8n runs no node code after a resume)',
		displayOptions: { show: { model: models } },
	};
}

/** The item's Completion; always Poll for Reimagine Flux (no status GET) and for an AI agent's tool. */
export function completionParameter(
	ctx: IExecuteFunctions,
	itemIndex: number,
	offered: boolean,
): Completion {
	if (!offered || ctx.getNode().type.endsWith('Tool')) return 'poll';
	return choiceParameter(
		ctx,
		itemIndex,
		{ name: 'completion', displayName: 'Completion', default: 'poll' },
		choiceValues(COMPLETIONS),
	) as Completion;
}

export const webhookUrlProperty: INodeProperties = {
	displayName: 'Webhook URL',
	name: 'webhookUrl',
	type: 'string',
	default: '',
	placeholder: 'https://example.com/webhook',
	description:
		'Optional URL Magnific notifies when the task changes status. When set and the task is not complete at once, the node outputs the task (ID and status) without polling.',
	displayOptions: { hide: { completion: ['webhook'] } },
};

/** The item's Webhook URL, checked, or '' when none is set. */
export function webhookUrlParameter(ctx: IExecuteFunctions, itemIndex: number): string {
	const webhookUrl = textParameter(ctx, itemIndex, 'webhookUrl', 'Webhook URL');
	if (webhookUrl) parseHttpUrl(ctx, webhookUrl, itemIndex, `Item ${itemIndex}: Webhook URL`);
	return webhookUrl;
}

export const downloadImagesProperty: INodeProperties = {
	displayName: 'Download Images',
	name: 'downloadImages',
	type: 'boolean',
	default: true,
	description:
		'Whether to download the generated images into binary data at once (their URLs expire after minutes); off outputs only the URLs',
};

export function downloadImagesParameter(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return booleanParameter(ctx, itemIndex, downloadImagesProperty);
}
