import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../shared/parameters';
import type { OptionSpecs } from '../../shared/run/optionSpecs';
import { optionProperty, readOptions } from '../../shared/run/optionSpecs';
import { pollOptionSpecs } from '../../shared/run/pollOptions';
import type { ModelOption, NovitaModel } from '../models/model';
import { enginesWhere, NOVITA_MODELS } from '../models';

// The parameters of the model engines, built from the declarations in models/: each is shown for
// the engines that take it, so a new model appears in the right places by being declared.

const MAX_SEED = 2_147_483_647;

export const MODEL_ENGINES = enginesWhere(() => true);
const ASYNC_ENGINES = enginesWhere((model) => model.answer === 'task');

/** Max Wait and Poll Interval, shown for the models that answer a task to poll. */
export const MODEL_POLL_OPTIONS = pollOptionSpecs({
	maxWaitSeconds: 300,
	pollIntervalSeconds: 2,
	showWhen: { engine: ASYNC_ENGINES },
});

export const seedProperty: INodeProperties = {
	displayName: 'Seed',
	name: 'seed',
	type: 'number',
	typeOptions: { minValue: -1, maxValue: MAX_SEED, numberPrecision: 0 },
	default: -1,
	displayOptions: { show: { engine: enginesWhere((model) => model.seed) } },
	description: 'The same seed, image and prompt give the same result; -1 picks a random seed',
	hint: '-1: a new result each run. Any other number: the same image and prompt give the same result again.',
};

export function promptTemplateProperty(defaultTemplate: string, description: string, hint: string) {
	return {
		displayName: 'Prompt Template',
		name: 'promptTemplate',
		type: 'string',
		typeOptions: { rows: 3 },
		default: defaultTemplate,
		required: true,
		displayOptions: { show: { engine: MODEL_ENGINES } },
		description,
		hint,
	} satisfies INodeProperties;
}

/** Every model's options by name; two models may share a name only with the same option. */
export function modelOptionsByName(
	models: readonly NovitaModel[] = NOVITA_MODELS,
): Map<string, { option: ModelOption; engines: string[] }> {
	const byName = new Map<string, { option: ModelOption; engines: string[] }>();
	for (const model of models)
		for (const [name, option] of Object.entries(model.options)) {
			const known = byName.get(name);
			if (known && JSON.stringify(known.option) !== JSON.stringify(option))
				throw new Error(`Novita model option "${name}" is declared twice, differently`);
			if (known) known.engines.push(model.engine);
			else byName.set(name, { option, engines: [model.engine] });
		}
	return byName;
}

/** The Model Options collection: each model's documented fields, sent only when added. */
export function modelOptionsProperty(): INodeProperties {
	const options = [...modelOptionsByName()].map(([name, { option, engines }]) =>
		optionProperty(name, { ...option.spec, showWhen: { engine: engines } }),
	);
	return {
		displayName: 'Model Options',
		name: 'modelOptions',
		type: 'collection',
		placeholder: 'Add Model Option',
		default: {},
		displayOptions: {
			show: { engine: enginesWhere((model) => Object.keys(model.options).length > 0) },
		},
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Sets `value` at a dotted path of `body`, e.g. "a.b" → { a: { b: value } }. */
function setField(body: IDataObject, path: string, value: unknown): void {
	const [head, ...rest] = path.split('.');
	if (rest.length === 0) {
		body[head] = value as IDataObject[string];
		return;
	}
	const inner = (body[head] ?? {}) as IDataObject;
	body[head] = inner;
	setField(inner, rest.join('.'), value);
}

/**
 * The body fields of the model options the user added for this item, checked; options of other
 * models (kept when the engine was switched) are not sent.
 */
export function modelOptionFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	model: NovitaModel,
): IDataObject {
	const raw = ctx.getNodeParameter('modelOptions', itemIndex, {}) as IDataObject;
	const added = Object.keys(model.options).filter((name) => raw[name] !== undefined);
	const specs: OptionSpecs = Object.fromEntries(
		added.map((name) => [name, model.options[name].spec]),
	);
	const values = readOptions(ctx, raw, specs) as IDataObject;
	const problem = model.check?.(values);
	if (problem) parameterError(ctx, itemIndex, problem.problem, problem.fix);
	const body: IDataObject = {};
	for (const name of added) {
		const { field, send } = model.options[name];
		const value = values[name] as number | boolean | string;
		setField(body, field, send ? send(value) : value);
	}
	return body;
}

export function seedParameter(ctx: IExecuteFunctions, itemIndex: number): number {
	const seed = ctx.getNodeParameter(seedProperty.name, itemIndex, seedProperty.default) as unknown;
	if (typeof seed === 'number' && Number.isInteger(seed) && seed >= -1 && seed <= MAX_SEED)
		return seed;
	return parameterError(
		ctx,
		itemIndex,
		`Seed must be a whole number from -1 to ${MAX_SEED}, but is ${JSON.stringify(seed)}`,
		'Set Seed to -1 for a random seed, or to a whole number up to 2147483647.',
	);
}
