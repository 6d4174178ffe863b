import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseHttpUrl } from '../../shared/http/httpUrl';
import { booleanParameter, textParameter } from '../../shared/parameters';
import type { OperationRun } from '../../shared/run/runner';
import { pollOptionSpecs } from '../../shared/run/pollOptions';

// The parameters every model of the Freepik node reads alike: the webhook, whether to download,
// and how long to wait for a task (Freepik's own tools poll every 5 s for up to 120 s).

export const FREEPIK_OPTIONS = pollOptionSpecs({ maxWaitSeconds: 120, pollIntervalSeconds: 5 });

export type FreepikRun = OperationRun<typeof FREEPIK_OPTIONS>;

export const webhookUrlProperty: INodeProperties = {
	displayName: 'Webhook URL',
	name: 'webhookUrl',
	type: 'string',
	default: '',
	placeholder: 'https://example.com/webhook',
	description:
		'Optional URL Magnific notifies when the task changes status. When set and the task is not complete at once, the node outputs the task (ID and status) without polling.',
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
