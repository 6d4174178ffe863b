import type { IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

// Parameters can come from expressions, so their type and value are checked per item: a wrong
// one fails that item (before any request) with the value found and how to fix it.

export function parameterError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string,
): never {
	throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${message}`, {
		itemIndex,
		description,
	});
}

/** "null", "an array", "an object", "a number"… for messages about a value of the wrong type. */
export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	const type = typeof value;
	return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

export interface TextParameterOptions {
	/** When set, an empty value fails the item with this as the fix. */
	requiredFix?: string;
	fallback?: string;
}

/** A text parameter, trimmed; '' when empty and optional. */
export function textParameter(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	options: TextParameterOptions = {},
): string {
	const value = ctx.getNodeParameter(name, itemIndex, options.fallback ?? '') as unknown;
	if (value === undefined || (value === null && !options.requiredFix)) return '';
	if (typeof value !== 'string') {
		parameterError(
			ctx,
			itemIndex,
			`${label} must be text, but the value is ${describeType(value)}`,
			`Make the expression for ${label} resolve to a string.`,
		);
	}
	const text = value.trim();
	if (!text && options.requiredFix)
		parameterError(ctx, itemIndex, `${label} is empty`, options.requiredFix);
	return text;
}

export interface ChoiceParameterOptions {
	/** '' is accepted and returned as '' (a "let the API decide" entry that sends nothing). */
	allowUnset?: boolean;
	fix?: string;
}

/** An options parameter whose value must be one of `allowed`, also when set by an expression. */
export function choiceParameter<T extends string>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	allowed: readonly T[],
	fallback: T | '',
	options: ChoiceParameterOptions = {},
): T | '' {
	const value = ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	if (options.allowUnset && value === '') return '';
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		parameterError(
			ctx,
			itemIndex,
			`${label} must be one of ${allowed.join(', ')}, but is ${JSON.stringify(value)}`,
			options.fix ??
				`Choose a ${label} from the list, or make the expression resolve to one of ${allowed.join(', ')}.`,
		);
	}
	return value as T;
}

/** One entry of a dropdown: the name shown, the value, and an optional description. */
export type Choice<T extends string = string> = readonly [
	name: string,
	value: T,
	description?: string,
];

/** The options of a dropdown, made from the same table its values are checked against. */
export function choiceOptions(choices: readonly Choice[]): INodePropertyOptions[] {
	return choices.map(([name, value, description]) => ({
		name,
		value,
		...(description ? { description } : {}),
	}));
}

/** The values a dropdown accepts ('' means "not set" and is left to the allowUnset option). */
export function choiceValues<T extends string>(choices: ReadonlyArray<Choice<T>>): T[] {
	return choices.map(([, value]) => value).filter((value) => value !== '');
}
