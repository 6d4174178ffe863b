import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Choice } from '../parameters';
import { choiceOptions, choiceValues } from '../parameters';

// One spec per option of a node's "Options" collection: it builds the UI property (default, range)
// and checks the value the run reads, so the two can never disagree and every default is written once.

interface OptionSpecBase {
	displayName: string;
	description: string;
	/** Shown only while these top-level parameters have one of these values (e.g. one API mode). */
	showWhen?: Record<string, string[]>;
}

export interface NumberOptionSpec extends OptionSpecBase {
	type: 'number';
	default: number;
	/** The range the run accepts (an expression can go below what the UI offers). */
	min: number;
	max: number;
	/** The range the UI input offers, when narrower than the accepted one. */
	ui?: { min?: number; max?: number };
	/** Whole numbers only (the UI shows no decimals; a fraction read from an expression is cut). */
	whole?: boolean;
}

export interface BooleanOptionSpec extends OptionSpecBase {
	type: 'boolean';
	default: boolean;
}

export interface ChoiceOptionSpec extends OptionSpecBase {
	type: 'options';
	choices: ReadonlyArray<Choice>;
	default: string;
}

export type OptionSpec = NumberOptionSpec | BooleanOptionSpec | ChoiceOptionSpec;

export type OptionSpecs = Record<string, OptionSpec>;

/** The typed values a table of specs reads into: numbers, booleans, or the chosen value. */
export type OptionValues<T extends OptionSpecs> = {
	[K in keyof T]: T[K] extends NumberOptionSpec
		? number
		: T[K] extends BooleanOptionSpec
			? boolean
			: string;
};

function displayOptions(spec: OptionSpec): Pick<INodeProperties, 'displayOptions'> {
	if (!spec.showWhen) return {};
	// Inside a collection, a leading "/" names a parameter of the node rather than a sibling option.
	const show = Object.fromEntries(
		Object.entries(spec.showWhen).map(([name, values]) => [`/${name}`, values]),
	);
	return { displayOptions: { show } };
}

export function optionProperty(name: string, spec: OptionSpec): INodeProperties {
	const common = {
		displayName: spec.displayName,
		name,
		description: spec.description,
		...displayOptions(spec),
	};
	if (spec.type === 'boolean') return { ...common, type: 'boolean', default: spec.default };
	if (spec.type === 'options')
		return {
			...common,
			type: 'options',
			options: choiceOptions(spec.choices),
			default: spec.default,
		};
	return {
		...common,
		type: 'number',
		typeOptions: {
			minValue: spec.ui?.min ?? spec.min,
			maxValue: spec.ui?.max ?? spec.max,
			...(spec.whole ? { numberPrecision: 0 } : {}),
		},
		default: spec.default,
	};
}

function optionError(
	ctx: IExecuteFunctions,
	spec: OptionSpec,
	expected: string,
	value: unknown,
): never {
	throw new NodeOperationError(
		ctx.getNode(),
		`Option "${spec.displayName}" must be ${expected}, but is ${JSON.stringify(value)}`,
		{ description: `Change the "${spec.displayName}" option of the node.` },
	);
}

function readOption(
	ctx: IExecuteFunctions,
	options: IDataObject,
	name: string,
	spec: OptionSpec,
): number | boolean | string {
	const value = options[name] ?? spec.default;
	if (spec.type === 'boolean') {
		if (typeof value !== 'boolean') optionError(ctx, spec, 'true or false', value);
		return value;
	}
	if (spec.type === 'options') {
		const allowed = choiceValues(spec.choices);
		if (typeof value !== 'string' || !allowed.includes(value))
			optionError(ctx, spec, `one of ${allowed.join(', ')}`, value);
		return value;
	}
	if (
		typeof value !== 'number' ||
		!Number.isFinite(value) ||
		value < spec.min ||
		value > spec.max
	) {
		optionError(ctx, spec, `a number from ${spec.min} to ${spec.max}`, value);
	}
	return spec.whole ? Math.floor(value) : value;
}

/** Reads and checks every option of the table from the node's options collection (item 0: once a run). */
export function readOptions<T extends OptionSpecs>(
	ctx: IExecuteFunctions,
	options: IDataObject,
	specs: T,
): OptionValues<T> {
	return Object.fromEntries(
		Object.entries(specs).map(([name, spec]) => [name, readOption(ctx, options, name, spec)]),
	) as OptionValues<T>;
}
