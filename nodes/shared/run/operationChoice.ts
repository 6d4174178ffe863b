import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Choice } from '../parameters';
import { choiceOptions, choiceParameter, choiceValues } from '../parameters';

// A node that runs one of several operations (the OpenAI node's API, the Novita nodes' engine)
// chooses it with one dropdown. Its default differs per node version: version 1 keeps what saved
// workflows ran, a newer version offers what the vendor serves today.

export interface OperationChoice<T extends string> {
	displayName: string;
	name: string;
	choices: ReadonlyArray<Choice<T>>;
	/** The dropdown's default in each node version. */
	defaultByVersion: Record<number, T>;
	/** One line under the dropdown on why to pick which. */
	hint?: string;
}

/** The dropdown, once per node version (noDataExpression: the same for every item of a run). */
export function operationChoiceProperties<T extends string>(
	choice: OperationChoice<T>,
): INodeProperties[] {
	const forVersion = (version: number, defaultValue: T): INodeProperties => ({
		displayName: choice.displayName,
		name: choice.name,
		type: 'options',
		noDataExpression: true,
		options: choiceOptions(choice.choices),
		default: defaultValue,
		...(choice.hint ? { hint: choice.hint } : {}),
		displayOptions: { show: { '@version': [version] } },
	});
	return Object.entries(choice.defaultByVersion).map(([version, value]) =>
		forVersion(Number(version), value),
	);
}

/** The value the dropdown holds for this run (read from item 0, checked). */
export function chosenValue<T extends string>(
	ctx: IExecuteFunctions,
	choice: OperationChoice<T>,
): T {
	const property = { ...choice, default: choice.defaultByVersion[ctx.getNode().typeVersion] };
	return choiceParameter(ctx, 0, property, choiceValues(choice.choices)) as T;
}
