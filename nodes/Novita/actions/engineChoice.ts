import type { Choice } from '../../shared/parameters';
import type { OperationChoice } from '../../shared/run/operationChoice';

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

/** The Engine dropdown: version 1 nodes keep the classic endpoint, version 2 runs Qwen. */
export function engineChoice(classicPath: string): OperationChoice<Engine> {
	return {
		displayName: 'Engine',
		name: 'engine',
		choices: engines(classicPath),
		defaultByVersion: { 1: 'classic', 2: 'qwen' },
		hint: 'Qwen Image Edit runs on Novita’s own API today; Classic Endpoint only on a dedicated endpoint or proxy that still serves the retired one',
	};
}

/** The engine and output type on the node in the canvas, e.g. "Qwen Image Edit → png". */
export const engineSubtitle =
	'={{($parameter["engine"] === "classic" ? "classic endpoint" : "Qwen Image Edit") + " → " + $parameter["responseImageType"]}}';
