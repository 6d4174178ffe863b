import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../nodes/shared/nodeErrors';
import { TEST_NODE } from '../helpers';

const node = TEST_NODE;
const ctx = { getNode: () => node } as unknown as IExecuteFunctions;

describe('asNodeError', () => {
	it('hands an n8n error back as it is, naming the item only where it names none', () => {
		const unnamed = new NodeOperationError(node, 'no item');
		expect(asNodeError(ctx, unnamed, 4)).toBe(unnamed);
		expect(unnamed.context.itemIndex).toBe(4);
		const named = new NodeApiError(node, { message: 'x' }, { itemIndex: 1 });
		expect(asNodeError(ctx, named, 4)).toBe(named);
		expect(named.context.itemIndex).toBe(1);
	});

	it('wraps anything else as a NodeOperationError with its own message', () => {
		const wrapped = asNodeError(ctx, new TypeError('x is not a function'), 2);
		expect(wrapped).toBeInstanceOf(NodeOperationError);
		expect(wrapped.message).toBe('x is not a function');
		expect(wrapped.context.itemIndex).toBe(2);
	});
});
