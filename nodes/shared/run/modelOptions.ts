import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../parameters';
import type { OptionSpec, OptionSpecs } from './optionSpecs';
import { optionProperty, readOptions } from './optionSpecs';

// A vendor's models are declared as data (nodes/<Vendor>/models/): each lists the documented body
// fields it takes beyond prompt and images. One "Model Options" collection offers them all, each
// option shown for the models that declare it, sent only when the user added it.

/** One documented body field, offered in the Model Options collection and sent only when added. */
export interface ModelOption {
	spec: OptionSpec;
	/** Where the value goes in the body, e.g. "sequential_image_generation_options.max_images". */
	field: string;
	/** The value as the vendor takes it, when it is not the option's own (e.g. true → "auto"). */
	send?: (value: number | boolean | string) => unknown;
}

/** What a declared model gives its Model Options. */
export interface OptionedModel {
	/** Documented fields beyond prompt and images, by option name. */
	options: Record<string, ModelOption>;
	/** Checks across the options the user added, before any request; returns the problem and its fix. */
	check?: (
		values: IDataObject,
		inputImages: number,
	) => { problem: string; fix: string } | undefined;
}

/** A vendor's models and the dropdown that picks one (its parameter name, each model's value). */
export interface ModelDropdown<M extends OptionedModel> {
	vendorName: string;
	parameter: string;
	models: readonly M[];
	valueOf(model: M): string;
}

/** Every model's options by name; two models may share a name only with the same option. */
export function modelOptionsByName<M extends OptionedModel>(
	dropdown: ModelDropdown<M>,
): Map<string, { option: ModelOption; values: string[] }> {
	const byName = new Map<string, { option: ModelOption; values: string[] }>();
	for (const model of dropdown.models)
		for (const [name, option] of Object.entries(model.options)) {
			const known = byName.get(name);
			if (known && JSON.stringify(known.option) !== JSON.stringify(option))
				throw new Error(
					`${dropdown.vendorName} model option "${name}" is declared twice, differently`,
				);
			if (known) known.values.push(dropdown.valueOf(model));
			else byName.set(name, { option, values: [dropdown.valueOf(model)] });
		}
	return byName;
}

/** The Model Options collection: each model's documented fields, sent only when added. */
export function modelOptionsProperty<M extends OptionedModel>(
	dropdown: ModelDropdown<M>,
): INodeProperties {
	const options = [...modelOptionsByName(dropdown)].map(([name, { option, values }]) =>
		optionProperty(name, { ...option.spec, showWhen: { [dropdown.parameter]: values } }),
	);
	return {
		displayName: 'Model Options',
		name: 'modelOptions',
		type: 'collection',
		placeholder: 'Add Model Option',
		default: {},
		displayOptions: {
			show: {
				[dropdown.parameter]: dropdown.models
					.filter((model) => Object.keys(model.options).length > 0)
					.map((model) => dropdown.valueOf(model)),
			},
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
 * models (kept when the model was switched) are not sent.
 */
export function modelOptionFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	model: OptionedModel,
	inputImages: number,
): IDataObject {
	const raw = ctx.getNodeParameter('modelOptions', itemIndex, {}) as IDataObject;
	const added = Object.keys(model.options).filter((name) => raw[name] !== undefined);
	const specs: OptionSpecs = Object.fromEntries(
		added.map((name) => [name, model.options[name].spec]),
	);
	const values = readOptions(ctx, raw, specs) as IDataObject;
	const problem = model.check?.(values, inputImages);
	if (problem) parameterError(ctx, itemIndex, problem.problem, problem.fix);
	const body: IDataObject = {};
	for (const name of added) {
		const { field, send } = model.options[name];
		const value = values[name] as number | boolean | string;
		setField(body, field, send ? send(value) : value);
	}
	return body;
}
