import type { INode, INodeProperties, INodeType } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FREEPIK_CREDENTIAL } from '../../nodes/Freepik/transport/api';
import { NOVITA_CREDENTIAL } from '../../nodes/Novita/transport/api';
import { OPENAI_CREDENTIAL } from '../../nodes/OpenAi/transport/api';
import { loadPackage, PACKAGE_DIR } from '../harness/engine';
import { REDACTED, Redactor, secretValues } from '../../nodes/shared/redaction';
import { deepText, expectNoSecrets } from '../helpers';

const KEY = 'sk-live.(a+b)*[c]$^|x?{2}\\end';
const r = new Redactor([KEY]);

describe('Redactor.text', () => {
	it('replaces the whole key, with regular-expression characters matched as plain text', () => {
		expect(r.text(`Incorrect API key provided: ${KEY}.`)).toBe(
			`Incorrect API key provided: ${REDACTED}.`,
		);
		expect(r.text('a.(a+b)*b and x?{2} stay')).toBe('a.(a+b)*b and x?{2} stay');
	});

	it('replaces repeated and back-to-back occurrences, each run once', () => {
		expect(r.text(`${KEY} and ${KEY}`)).toBe(`${REDACTED} and ${REDACTED}`);
		expect(r.text(`${KEY}${KEY}`)).toBe(REDACTED);
	});

	it('replaces overlapping runs of 8 or more characters as one', () => {
		// Two slices of the key that overlap in the text: "sk-live.(a+b" then "(a+b)*[c]".
		expect(r.text(`x sk-live.(a+b)*[c] y`)).toBe(`x ${REDACTED} y`);
		expect(r.text(`prefix ${KEY.slice(0, 8)}****`)).toBe(`prefix ${REDACTED}****`);
		expect(r.text(`suffix ****${KEY.slice(-8)}`)).toBe(`suffix ****${REDACTED}`);
	});

	it('leaves runs shorter than 8 characters (too short to identify a key)', () => {
		expect(r.text(`starts ${KEY.slice(0, 7)}…`)).toBe(`starts ${KEY.slice(0, 7)}…`);
	});

	it('replaces the key URL-encoded', () => {
		expect(r.text(`GET /check?key=${encodeURIComponent(KEY)}&x=1`)).toBe(
			`GET /check?key=${REDACTED}&x=1`,
		);
	});

	it('replaces Bearer tokens and Authorization or api-key values of any credential', () => {
		const none = new Redactor([]);
		expect(none.text('Authorization: Bearer abcdefgh12345 was rejected')).toBe(
			`Authorization: ${REDACTED} was rejected`,
		);
		expect(none.text('{"authorization":"Basic Zm9vOmJhcg=="}')).toBe(
			`{"authorization":"${REDACTED}"}`,
		);
		expect(none.text('header x-freepik-api-key=FPSX_0123456789; next')).toBe(
			`header x-freepik-api-key=${REDACTED}; next`,
		);
		expect(none.text('{"apiKey": "abc123def456"}')).toBe(`{"apiKey": "${REDACTED}"}`);
		expect(none.text('sent Bearer eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(`sent Bearer ${REDACTED}`);
	});

	it('keeps ordinary sentences about keys and tokens as they are', () => {
		const none = new Redactor([]);
		for (const text of [
			'invalid api-key',
			'Missing API key: please check',
			'Bearer token required',
			'Basic plan only',
		]) {
			expect(none.text(text)).toBe(text);
		}
	});

	it('redacts a short secret only where it stands whole, and ignores empty ones', () => {
		const short = new Redactor(['abc123', '', 'ab']);
		expect(short.text('key abc123 and abc12 and ab')).toBe(`key ${REDACTED} and abc12 and ab`);
	});
});

describe('Redactor.value, .item and .error', () => {
	const node: INode = {
		id: '1',
		name: 'Node',
		type: 't',
		typeVersion: 1,
		position: [0, 0],
		parameters: { note: KEY },
	};

	it('copies JSON with every string redacted, keys included, without touching the input', () => {
		const input = { a: [`x ${KEY}`, 1, null], b: { [KEY]: true, c: { d: `Bearer ${KEY}` } } };
		const copy = r.value(input);
		expect(copy).toEqual({
			a: [`x ${REDACTED}`, 1, null],
			b: { [REDACTED]: true, c: { d: `Bearer ${REDACTED}` } },
		});
		expect(input.a[0]).toBe(`x ${KEY}`);
	});

	it('redacts an item’s JSON and keeps its binary and pairing', () => {
		const binary = { data: { data: 'AAAA', mimeType: 'image/png' } };
		const item = r.item({ json: { error: `bad ${KEY}` }, binary, pairedItem: { item: 2 } });
		expect(item).toEqual({ json: { error: `bad ${REDACTED}` }, binary, pairedItem: { item: 2 } });
	});

	it('redacts a NodeApiError everywhere: message, description, stack, errorResponse, context, cause chain', () => {
		const error = new NodeApiError(
			{ ...node, parameters: {} },
			{ message: `echo ${KEY}`, nested: { header: `Bearer ${KEY}` } },
			{
				message: `API returned HTTP 401: Incorrect API key provided: ${KEY}`,
				description: `Check ${KEY}`,
				httpCode: '401',
			},
		);
		error.context.vendorCode = KEY;
		Object.defineProperty(error, 'cause', {
			value: new Error(`deep ${encodeURIComponent(KEY)}`, { cause: new Error(KEY) }),
			enumerable: false,
			writable: true,
		});
		expect(deepText(error)).toContain(KEY);
		r.error(error);
		expectNoSecrets(deepText(error), [KEY]);
		expect(error.message).toBe(`API returned HTTP 401: Incorrect API key provided: ${REDACTED}`);
		expect(error.stack).toContain(`Incorrect API key provided: ${REDACTED}`);
		expect(error.httpCode).toBe('401');
	});

	it('does not alter n8n’s workflow node held by the error', () => {
		const error = r.error(new NodeOperationError(node, `bad ${KEY}`));
		expect(error.message).toBe(`bad ${REDACTED}`);
		expect(node.parameters.note).toBe(KEY);
	});
});

describe('secret values of a credential', () => {
	const properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	];

	it('are the values of every password field, and only those', () => {
		expect(
			secretValues(properties, {
				apiKey: 'k-123456789',
				clientSecret: 's-987654321',
				baseUrl: 'https://api.example.com',
			}),
		).toEqual(['k-123456789', 's-987654321']);
		expect(secretValues(properties, { apiKey: '', clientSecret: 42, baseUrl: 'x' })).toEqual([]);
	});

	it('are known for every credential the package ships, from the declaration its vendor runs with', async () => {
		const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
			n8n: { credentials: string[] };
		};
		const names = manifest.n8n.credentials.map((path) => {
			const [, file] = /\/(\w+)\.credentials\.js$/.exec(path) ?? [];
			return file.charAt(0).toLowerCase() + file.slice(1);
		});
		expect(names).toEqual(['novitaApi', 'freepikApi', 'openAiImagesApi']);
		const runWith = [NOVITA_CREDENTIAL, FREEPIK_CREDENTIAL, OPENAI_CREDENTIAL];
		expect(runWith.map((type) => type.name)).toEqual(names);
		// And the nodes ask n8n for the same credential their runs redact.
		const { nodeTypes } = await loadPackage();
		for (const [nodeType, credential] of [
			['novitaReimagine', 'novitaApi'],
			['novitaReplaceBackground', 'novitaApi'],
			['freepikReimagineFlux', 'freepikApi'],
			['openAiImageVariation', 'openAiImagesApi'],
		]) {
			const type = nodeTypes.getByName(`n8n-nodes-ai-image.${nodeType}`) as INodeType;
			expect(type.description.credentials?.map((c) => c.name)).toEqual([credential]);
		}
		// Freepik's also holds the Webhook Secret its callbacks are checked with.
		for (const type of runWith)
			expect(type.properties.filter((p) => p.typeOptions?.password).map((p) => p.name)).toEqual(
				type.name === 'freepikApi' ? ['apiKey', 'webhookSecret'] : ['apiKey'],
			);
	});
});

// Overlapping, repeated and encoded secrets, and text that only looks like one.
describe('Redactor, edge cases', () => {
	it('redacts a short secret that stands before a long one’s slice (ranges are sorted before merging)', () => {
		const two = new Redactor(['abcd', 'LONGSECRET-0123456789']);
		expect(two.text('abcd then LONGSECRET-0123456789')).toBe(`${REDACTED} then ${REDACTED}`);
	});

	it('redacts a 4-character secret whole, and ignores a 3-character one', () => {
		expect(new Redactor(['wxyz']).text('key wxyz here')).toBe(`key ${REDACTED} here`);
		expect(new Redactor(['xyz']).text('key xyz here')).toBe('key xyz here');
	});

	it('leaves a text that ends in fewer than 8 characters of the key', () => {
		expect(r.text(`tail ${KEY.slice(-5)}`)).toBe(`tail ${KEY.slice(-5)}`);
	});

	it('takes no secret from a password field holding only spaces', () => {
		const props: INodeProperties[] = [
			{ displayName: 'K', name: 'k', type: 'string', typeOptions: { password: true }, default: '' },
		];
		const secrets = secretValues(props, { k: '          ' });
		expect(secrets).toEqual([]);
		expect(new Redactor(secrets).text('a          b')).toBe('a          b');
	});

	it('walks objects without a prototype, and survives null, cyclic and read-only properties', () => {
		const bare = Object.create(null) as Record<string, unknown>;
		bare.note = `key ${KEY}`;
		expect(r.value({ bare }).bare).toEqual({ note: `key ${REDACTED}` });

		const error = new Error(`bad ${KEY}`) as Error & Record<string, unknown>;
		error.nothing = null;
		error.self = error;
		Object.defineProperty(error, 'fixed', {
			value: `fixed ${KEY}`,
			writable: false,
			enumerable: true,
		});
		Object.defineProperty(error, 'computed', { get: () => 'computed', enumerable: true });
		const nested = Object.create(null) as Record<string, unknown>;
		nested.deep = KEY;
		error.nested = nested;
		r.error(error);
		expect(error.message).toBe(`bad ${REDACTED}`);
		expect(nested.deep).toBe(REDACTED);
		expect(error.fixed).toBe(`fixed ${KEY}`);
		expect(error.computed).toBe('computed');
	});

	it('leaves objects of other classes alone (an HTTP client’s request, say), without walking them', () => {
		class Foreign {
			secret = `held ${KEY}`;
		}
		const error = new Error('x') as Error & { foreign?: Foreign };
		error.foreign = new Foreign();
		r.error(error);
		expect(error.foreign.secret).toBe(`held ${KEY}`);
	});
});
