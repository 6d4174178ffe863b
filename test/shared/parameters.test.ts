import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ParameterSpec } from '../../nodes/shared/parameters';
import {
	booleanParameter,
	choiceParameter,
	describeType,
	textParameter,
} from '../../nodes/shared/parameters';
import { TEST_NODE } from '../helpers';

// Parameters set by expressions, checked per item: null and arrays are named in the message, an
// unset or null optional text reads as unset, and a dropdown's fix names its options.

function ctxWith(parameters: Record<string, unknown>) {
	const asked: Array<{ name: string; itemIndex: number; fallback: unknown }> = [];
	const ctx = {
		getNode: () => TEST_NODE,
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
	it('trims the text; a text that is not set is empty', () => {
		const { ctx, asked } = ctxWith({ prompt: '  a cat  ' });
		expect(textParameter(ctx, 3, 'prompt', 'Prompt')).toBe('a cat');
		expect(asked).toEqual([{ name: 'prompt', itemIndex: 3, fallback: '' }]);
		expect(textParameter(ctxWith({}).ctx, 0, 'prompt', 'Prompt')).toBe('');
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
	const size: ParameterSpec = { name: 'size', displayName: 'Size', default: '256x256' };

	it('refuses a value outside the list, with the default fix naming every value', () => {
		const { ctx } = ctxWith({ size: '2048x2048' });
		const error = errorOf(() => choiceParameter(ctx, 4, size, SIZES));
		expect(error.message).toBe('Item 4: Size must be one of 256x256, 512x512, but is "2048x2048"');
		expect(error.description).toBe(
			'Choose a Size from the list, or make the expression resolve to one of 256x256, 512x512.',
		);
	});

	it('refuses a number even when it reads like a listed value', () => {
		const { ctx } = ctxWith({ n: 1 });
		const n: ParameterSpec = { name: 'n', displayName: 'N', default: '1' };
		expect(
			errorOf(() => choiceParameter(ctx, 0, n, ['1', '2'], { fix: 'Pick one.' })).description,
		).toBe('Pick one.');
	});

	it('returns a listed value; unset, the default the property declares', () => {
		expect(choiceParameter(ctxWith({ size: '512x512' }).ctx, 0, size, SIZES)).toBe('512x512');
		const { ctx, asked } = ctxWith({});
		expect(choiceParameter(ctx, 2, size, SIZES)).toBe('256x256');
		expect(asked).toEqual([{ name: 'size', itemIndex: 2, fallback: '256x256' }]);
	});

	it('returns "" only when allowed', () => {
		const unset = ctxWith({ size: '' }).ctx;
		expect(choiceParameter(unset, 0, size, SIZES, { allowUnset: true })).toBe('');
		expect(errorOf(() => choiceParameter(unset, 0, size, SIZES)).message).toBe(
			'Item 0: Size must be one of 256x256, 512x512, but is ""',
		);
	});
});

// Found while declaring each default once: boolean parameters were cast, so an expression giving
// the text "false" turned Download Images on.
describe('booleanParameter', () => {
	const download: ParameterSpec = {
		name: 'downloadImages',
		displayName: 'Download Images',
		default: true,
	};

	it('returns true or false as set; unset, the default the property declares', () => {
		expect(booleanParameter(ctxWith({ downloadImages: false }).ctx, 0, download)).toBe(false);
		expect(booleanParameter(ctxWith({ downloadImages: true }).ctx, 0, download)).toBe(true);
		const { ctx, asked } = ctxWith({});
		expect(booleanParameter(ctx, 1, download)).toBe(true);
		expect(asked).toEqual([{ name: 'downloadImages', itemIndex: 1, fallback: true }]);
	});

	it.each([
		['false', '"false"'],
		[0, '0'],
		[null, 'null'],
	])('refuses %p, naming the item, the value and the fix', (value, shown) => {
		const { ctx } = ctxWith({ downloadImages: value });
		const error = errorOf(() => booleanParameter(ctx, 3, download));
		expect(error.message).toBe(`Item 3: Download Images must be true or false, but is ${shown}`);
		expect(error.description).toBe(
			'Turn Download Images on or off, or make the expression resolve to true or false (not the text "true" or "false").',
		);
	});
});
