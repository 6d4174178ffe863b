import type { IExecuteFunctions } from 'n8n-workflow';

import { checkedBaseUrl } from '../../../nodes/shared/http/baseUrl';
import { TEST_NODE } from '../../helpers';

// A Base URL that is not text: a credential field set by an expression, or one missing from a
// credential saved by an old version.

const ctx = {
	getNode: () => TEST_NODE,
} as unknown as IExecuteFunctions;

const refused = (shown: string) =>
	`The Base URL in the Test credential is not a valid http(s) URL: "${shown}"`;

describe("a credential's Base URL", () => {
	it.each([
		[' https://api.example.com/v1// ', 'https://api.example.com/v1'],
		['HTTP://localhost:8080', 'HTTP://localhost:8080'],
	])('"%s" is used as %s', (value, used) => {
		expect(checkedBaseUrl(ctx, value, 'Test')).toBe(used);
	});

	it.each([
		[undefined, ''],
		[null, ''],
		[42, ''],
		[{ url: 'https://api.example.com' }, ''],
		['https://', 'https:'],
		['mailto:someone@example.com', 'mailto:someone@example.com'],
		['//api.example.com', '//api.example.com'],
	])('%j is refused, shown as "%s", with how to fix it', (value, shown) => {
		let thrown: unknown;
		try {
			checkedBaseUrl(ctx, value, 'Test');
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toMatchObject({
			message: refused(shown),
			description:
				'Open the credential and set Base URL to an address such as https://api.example.com.',
		});
	});
});
