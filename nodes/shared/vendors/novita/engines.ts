import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Choice } from '../../parameters';
import { choiceOptions, choiceParameter, choiceValues } from '../../parameters';
import type { ImageOperation } from '../../run/execute';

// Both Novita nodes run on one of two engines. Version 1 nodes (saved before Qwen Image Edit was
// offered) keep the classic endpoint as their default, so their workflows run as before.

type Engine = 'qwen' | 'classic';

function engines(classicPath: string): ReadonlyArray<Choice<Engine>> {
	return [
		[
			'Qwen Image Edit',
			'qwen',
			'POST /v3/async/qwen-image-edit: what Novita serves for image editing today (asynchronous)',
		],
		[
			'Classic Endpoint',
			'classic',
			`POST ${classicPath}: retired by Novita in 2026, still served by dedicated endpoints and proxies`,
		],
	];
}

/** The Engine parameter, once per node version (its default differs). */
export function engineProperties(classicPath: string): INodeProperties[] {
	const engineFor = (version: number, defaultEngine: Engine): INodeProperties => ({
		displayName: 'Engine',
		name: 'engine',
		type: 'options',
		noDataExpression: true,
		options: choiceOptions(engines(classicPath)),
		default: defaultEngine,
		displayOptions: { show: { '@version': [version] } },
	});
	return [engineFor(1, 'classic'), engineFor(2, 'qwen')];
}

/** The engine's operation for this run (noDataExpression: the same for every item). */
export function engineOperation(
	ctx: IExecuteFunctions,
	operations: { qwen: ImageOperation<never>; classic: ImageOperation<never> },
): ImageOperation<never> {
	const engine = choiceParameter(ctx, 0, 'engine', 'Engine', choiceValues(engines('')), 'classic');
	return operations[engine as Engine];
}

/** The engine and output type on the node in the canvas, e.g. "Qwen Image Edit → png". */
export const engineSubtitle =
	'={{($parameter["engine"] === "classic" ? "classic endpoint" : "Qwen Image Edit") + " → " + $parameter["responseImageType"]}}';
