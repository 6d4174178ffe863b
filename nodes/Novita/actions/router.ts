import type { Choice } from '../../shared/parameters';
import type { OperationChoice } from '../../shared/run/operationChoice';
import type { OperationRouter } from '../../shared/run/runner';
import { NOVITA_MODELS } from '../models';
import { classicOperation } from './classic.operation';
import { modelOperation } from './model.operation';
import type { NovitaNode } from './parameters';
import { OUTPUT_TYPE_ENGINES } from './parameters';

// Both Novita nodes run on one engine: a model of models/, or the classic endpoint. Version 1
// nodes (saved before the models were offered) keep the classic endpoint as their default, so
// their workflows run as before; version 2 starts on Qwen Image Edit.

function engines(classicPath: string): ReadonlyArray<Choice> {
	return [
		...NOVITA_MODELS.map((model): Choice => [model.displayName, model.engine, model.description]),
		[
			'Classic Endpoint',
			'classic',
			`POST ${classicPath}: retired by Novita in 2026, still served by dedicated endpoints and proxies`,
		],
	];
}

/** The Engine dropdown: version 1 nodes keep the classic endpoint, version 2 runs Qwen. */
export function engineChoice(classicPath: string): OperationChoice<string> {
	return {
		displayName: 'Engine',
		name: 'engine',
		choices: engines(classicPath),
		defaultByVersion: { 1: 'classic', 2: 'qwen' },
		hint: 'The models run on Novita’s own API today; Classic Endpoint only on a dedicated endpoint or proxy that still serves the retired one',
	};
}

/** A node's dispatch: the Engine dropdown chooses every model's operation, or the classic endpoint's. */
export function engineRouter(node: NovitaNode): OperationRouter {
	return {
		choice: engineChoice(node.classic.path),
		operations: {
			...Object.fromEntries(
				NOVITA_MODELS.map((model) => [model.engine, modelOperation(model, node)]),
			),
			classic: classicOperation(node),
		},
	};
}

const NAMES = JSON.stringify({
	...Object.fromEntries(NOVITA_MODELS.map((model) => [model.engine, model.displayName])),
	classic: 'classic endpoint',
});

/** The engine, and output type where it is sent, on the node in the canvas, e.g. "Qwen Image Edit → png". */
export const engineSubtitle = `={{${NAMES}[$parameter["engine"]] + (${JSON.stringify(OUTPUT_TYPE_ENGINES)}.includes($parameter["engine"]) ? " → " + $parameter["responseImageType"] : "")}}`;
