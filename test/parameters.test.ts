import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { choiceParameter, describeType, textParameter } from '../nodes/shared/parameters';

// Parameters set by expressions, checked per item. Found by mutation testing (parameters.ts):
// null and arrays were never named in a message, an unset or null optional text was never read,
// and the default fix of a dropdown was never asserted.

function ctxWith(parameters: Record<string, unknown>) {
	const asked: Array<{ name: string; itemIndex: number; fallback: unknown }> = [];
	const ctx = {
		getNode: () => ({ id: 'n', name: 'Node', type: 't', typeVersion: 1, position: [0, 0] }),
		getNodeParameter: (name: string, itemIndex: number, fallback: unknown) => {
			asked.push({ name, itemIndex, fallback });
			return name in parameters ? parameters[name] : fallback;
		},
	} as unknown as IExecuteFunctions;
	return { ctx, asked };
}

function errorOf(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected the parameter to be refused');
}

describe('describeType', () => {
	it.each([
		[null, 'null'],
		[[1, 2], 'an array'],
		[{ a: 1 }, 'an object'],
		[5, 'a number'],
		[true, 'a boolean'],
		[undefined, 'an undefined'],
		['x', 'a string'],
	])('%p is %s', (value, text) => {
		expect(describeType(value)).toBe(text);
	});
});

describe('textParameter', () => {
	it('trims the text and asks n8n with the fallback', () => {
		const { ctx, asked } = ctxWith({ prompt: '  a cat  ' });
		expect(textParameter(ctx, 3, 'prompt', 'Prompt')).toBe('a cat');
		expect(asked).toEqual([{ name: 'prompt', itemIndex: 3, fallback: '' }]);
		const other = ctxWith({});
		expect(textParameter(other.ctx, 0, 'prompt', 'Prompt', { fallback: 'x' })).toBe('x');
		expect(other.asked[0].fallback).toBe('x');
	});

	it('an unset or null optional text is empty', () => {
		expect(textParameter(ctxWith({ prompt: undefined }).ctx, 0, 'prompt', 'Prompt')).toBe('');
		expect(textParameter(ctxWith({ prompt: null }).ctx, 0, 'prompt', 'Prompt')).toBe('');
	});

	it('an unset required text is empty as well: n8n only returns undefined for a missing parameter', () => {
		const { ctx } = ctxWith({ prompt: undefined });
		expect(textParameter(ctx, 0, 'prompt', 'Prompt', { requiredFix: 'Enter a prompt.' })).toBe('');
	});

	it('a null required text is refused as null, naming the item', () => {
		const { ctx } = ctxWith({ prompt: null });
		const error = errorOf(() =>
			textParameter(ctx, 2, 'prompt', 'Prompt', { requiredFix: 'Enter a prompt.' }),
		);
		expect(error.message).toBe('Item 2: Prompt must be text, but the value is null');
		expect(error.description).toBe('Make the expression for Prompt resolve to a string.');
	});

	it('an array is refused as an array', () => {
		const { ctx } = ctxWith({ prompt: ['a', 'b'] });
		expect(errorOf(() => textParameter(ctx, 0, 'prompt', 'Prompt')).message).toBe(
			'Item 0: Prompt must be text, but the value is an array',
		);
	});

	it('a blank required text is refused with the fix', () => {
		const { ctx } = ctxWith({ prompt: '  ' });
		const error = errorOf(() =>
			textParameter(ctx, 1, 'prompt', 'Prompt', { requiredFix: 'Enter a prompt.' }),
		);
		expect(error.message).toBe('Item 1: Prompt is empty');
		expect(error.description).toBe('Enter a prompt.');
	});
});

describe('choiceParameter', () => {
	const SIZES = ['256x256', '512x512'] as const;

	it('refuses a value outside the list, with the default fix naming every value', () => {
		const { ctx } = ctxWith({ size: '2048x2048' });
		const error = errorOf(() => choiceParameter(ctx, 4, 'size', 'Size', SIZES, '256x256'));
		expect(error.message).toBe('Item 4: Size must be one of 256x256, 512x512, but is "2048x2048"');
		expect(error.description).toBe(
			'Choose a Size from the list, or make the expression resolve to one of 256x256, 512x512.',
		);
	});

	it('refuses a number even when it reads like a listed value', () => {
		const { ctx } = ctxWith({ n: 1 });
		expect(
			errorOf(() => choiceParameter(ctx, 0, 'n', 'N', ['1', '2'], '1', { fix: 'Pick one.' }))
				.description,
		).toBe('Pick one.');
	});

	it('returns a listed value, the fallback when unset, and "" only when allowed', () => {
		expect(choiceParameter(ctxWith({ size: '512x512' }).ctx, 0, 'size', 'Size', SIZES, '')).toBe(
			'512x512',
		);
		expect(choiceParameter(ctxWith({}).ctx, 0, 'size', 'Size', SIZES, '256x256')).toBe('256x256');
		const unset = ctxWith({ size: '' }).ctx;
		expect(choiceParameter(unset, 0, 'size', 'Size', SIZES, '', { allowUnset: true })).toBe('');
		expect(errorOf(() => choiceParameter(unset, 0, 'size', 'Size', SIZES, '')).message).toBe(
			'Item 0: Size must be one of 256x256, 512x512, but is ""',
		);
	});
});
