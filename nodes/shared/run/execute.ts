import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { ApiClient } from '../http/apiClient';
import { createApiClient } from '../http/apiClient';
import type { VendorAdapter } from '../http/vendorError';
import { asNodeError } from '../nodeErrors';
import { bindCredentialRedactor } from './credentialSecrets';
import type { OptionSpecs, OptionValues } from './optionSpecs';
import type { RequestSettings } from './options';
import { readRunOptions } from './options';
import { runItems } from './runItems';
import { runsAsTool, toolAnswerItem } from './toolAnswer';

/** What one item of a run gets: the bound API client, the shared settings, the node's own options. */
export interface OperationRun<T extends OptionSpecs = OptionSpecs> {
	api: ApiClient;
	settings: RequestSettings;
	options: OptionValues<T>;
}

/** One node's work against one vendor API: declared once, run once per input item. */
export interface ImageOperation<T extends OptionSpecs = OptionSpecs> {
	/** The credential the node uses (its vendor's declaration); its password fields are redacted from all the node emits. */
	credential: ICredentialType;
	vendor: VendorAdapter;
	defaultTimeoutMs: number;
	/** The node's own entries of the Options collection (the shared ones are added). */
	nodeOptions: T;
	/** The API's base URL from the credential, checked, without a trailing slash. */
	baseUrl(ctx: IExecuteFunctions, credentials: ICredentialDataDecryptedObject): string;
	executeItem(
		ctx: IExecuteFunctions,
		itemIndex: number,
		run: OperationRun<T>,
	): Promise<INodeExecutionData[]>;
}

/** The body of every node's execute(): read options and credential once, then run every item. */
export async function executeImageOperation<T extends OptionSpecs>(
	ctx: IExecuteFunctions,
	operation: ImageOperation<T>,
): Promise<INodeExecutionData[][]> {
	const { settings, options } = readRunOptions(
		ctx,
		operation.defaultTimeoutMs,
		operation.nodeOptions,
	);
	const credentials = await ctx.getCredentials(operation.credential.name);
	const redactor = bindCredentialRedactor(ctx, operation.credential, credentials);
	let baseUrl: string;
	try {
		baseUrl = operation.baseUrl(ctx, credentials);
	} catch (error) {
		// A key pasted into the Base URL field would otherwise be quoted back.
		throw redactor.error(asNodeError(ctx, error, 0));
	}
	const api = createApiClient(ctx, {
		...settings,
		credentialType: operation.credential.name,
		baseUrl,
		vendor: operation.vendor,
	});
	const run: OperationRun<T> = { api, settings, options };
	const items = await runItems(
		ctx,
		async (itemIndex) => await operation.executeItem(ctx, itemIndex, run),
		settings.concurrency,
		redactor,
	);
	return [runsAsTool(ctx) ? items.map(toolAnswerItem) : items];
}
