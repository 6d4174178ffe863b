import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
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
}

/** A text parameter, trimmed; '' when empty and optional. */
export function textParameter(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	options: TextParameterOptions = {},
): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
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

/**
 * What a reader needs of a parameter's property: its name, its label in messages, and its default,
 * declared once in the property and used by n8n's getNodeParameter when the parameter is not set.
 */
export type ParameterSpec = Pick<INodeProperties, 'name' | 'displayName' | 'default'>;

export interface ChoiceParameterOptions {
	/** '' is accepted and returned as '' (a "let the API decide" entry that sends nothing). */
	allowUnset?: boolean;
	fix?: string;
}

/** An options parameter whose value must be one of `allowed`, also when set by an expression. */
export function choiceParameter<T extends string>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	property: ParameterSpec,
	allowed: readonly T[],
	options: ChoiceParameterOptions = {},
): T | '' {
	const label = property.displayName;
	const value = ctx.getNodeParameter(property.name, itemIndex, property.default) as unknown;
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

/** A boolean parameter, which an expression can set to anything: only true or false pass. */
export function booleanParameter(
	ctx: IExecuteFunctions,
	itemIndex: number,
	property: ParameterSpec,
): boolean {
	const label = property.displayName;
	const value = ctx.getNodeParameter(property.name, itemIndex, property.default) as unknown;
	if (typeof value !== 'boolean') {
		parameterError(
			ctx,
			itemIndex,
			`${label} must be true or false, but is ${JSON.stringify(value)}`,
			`Turn ${label} on or off, or make the expression resolve to true or false (not the text "true" or "false").`,
		);
	}
	return value;
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
