import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { bindCredentialRedactor } from './credentialSecrets';
import { asNodeError } from '../nodeErrors';
import type { RequestSettings } from './options';
import { readRequestSettings } from './options';
import { runItems } from './runItems';

/** One node's work: set-up once per execution, then one call per input item. */
export interface ImageOperation<State> {
	/** The credential the node uses; its password fields are redacted from all the node emits. */
	credentialType: string;
	defaultTimeoutMs: number;
	prepare(
		ctx: IExecuteFunctions,
		settings: RequestSettings,
		credentials: ICredentialDataDecryptedObject,
	): Promise<State>;
	executeItem(
		ctx: IExecuteFunctions,
		itemIndex: number,
		state: State,
		settings: RequestSettings,
	): Promise<INodeExecutionData[]>;
}

/** The body of every node's execute(): read options, then run all items through the item runner. */
export async function executeImageOperation<State>(
	ctx: IExecuteFunctions,
	operation: ImageOperation<State>,
): Promise<INodeExecutionData[][]> {
	const settings = readRequestSettings(ctx, operation.defaultTimeoutMs);
	const credentials = await ctx.getCredentials(operation.credentialType);
	const redactor = bindCredentialRedactor(ctx, operation.credentialType, credentials);
	let state: State;
	try {
		state = await operation.prepare(ctx, settings, credentials);
	} catch (error) {
		// A key pasted into the Base URL field would otherwise be quoted back.
		throw redactor.error(asNodeError(ctx, error, 0));
	}
	const items = await runItems(
		ctx,
		async (itemIndex) => await operation.executeItem(ctx, itemIndex, state, settings),
		settings.concurrency,
		redactor,
	);
	return [items];
}
