import { runNode } from './harness/engine';
import { fixtures } from './fixtures/images';
import { SECRET_KEYS, startServer } from './helpers';
import { NovitaServer } from './servers/novitaServer';
import { OpenAiServer } from './servers/openAiServer';

// Bad inputs through the shared input reader: each is a NodeOperationError naming the item and the
// value found, and the API server sees no request at all.
const server = startServer(new NovitaServer());

const run = (
	parameters: Record<string, unknown>,
	items = [{ json: {} }] as never[],
	typeVersion = 1,
) =>
	runNode({
		nodeType: 'novitaReimagine',
		typeVersion,
		parameters: {
			inputSource: 'binary',
			binaryPropertyName: 'data',
			outputBinaryPropertyName: 'data',
			...parameters,
		} as never,
		items,
		credentials: { novitaApi: { apiKey: SECRET_KEYS.novita, baseUrl: server.baseUrl } },
	});

const CASES: Array<[string, Record<string, unknown>, unknown[] | undefined, RegExp, RegExp]> = [
	[
		'missing binary field',
		{ binaryPropertyName: 'image' },
		[
			{
				binary: { data: { data: fixtures.squarePng, fileName: 'a.png', mimeType: 'image/png' } },
			},
		],
		/Item 0: has no binary field "image"/,
		/Its binary fields are: data/,
	],
	[
		'item without binary',
		{},
		[{ json: { a: 1 } }],
		/Item 0: has no binary field "data"/,
		/no binary data/,
	],
	[
		'malformed URL',
		{ inputSource: 'url', imageUrl: 'not a url' },
		undefined,
		/Item 0: Image URL is not a valid URL: "not a url"/,
		/https:\/\//,
	],
	[
		'non-http URL',
		{ inputSource: 'url', imageUrl: 'file:///etc/passwd' },
		undefined,
		/Item 0: Image URL must use http or https, not "file"/,
		/http/,
	],
	[
		'URL answering HTML',
		{ inputSource: 'url', imageUrl: 'ASSET:page.html' },
		undefined,
		/Item 0: Image URL answered with text\/html, not an image/,
		/direct address/,
	],
	[
		'garbage base64',
		{ inputSource: 'base64', imageBase64: 'this is *not* base64!!' },
		undefined,
		/Item 0: Image \(Base64\) is not valid base64: "this is \*not\* base64!!"/,
		/base64/,
	],
	[
		'base64 of text',
		{
			inputSource: 'base64',
			imageBase64: Buffer.from('hello world, not an image').toString('base64'),
		},
		undefined,
		/Item 0: the input is not a PNG, JPEG, WEBP or GIF image/,
		/image/,
	],
	[
		'URL expression resolving to a number',
		{ inputSource: 'url', imageUrl: '={{ 42 }}' },
		undefined,
		/Item 0: Image URL must be text, but the value is a number/,
		/string/,
	],
	[
		'base64 expression resolving to an object',
		{ inputSource: 'base64', imageBase64: '={{ { a: 1 } }}' },
		undefined,
		/Item 0: Image \(Base64\) must be text, but the value is an object/,
		/string/,
	],
	[
		'unknown output type through an expression',
		{ responseImageType: '={{ "gif" }}' },
		[{ binary: { data: { data: fixtures.squarePng } } }],
		/Output Image Type must be one of png, webp, jpeg, but is "gif"/,
		/png, webp or jpeg/,
	],
];

// Version 1 runs the classic endpoint, version 2 Qwen Image Edit, which passes a URL input on
// undownloaded (so a URL answering HTML is Novita's to refuse there).
describe.each([
	['classic endpoint', 1],
	['Qwen Image Edit', 2],
])('bad inputs are rejected before any request (%s)', (_engine, typeVersion) => {
	beforeEach(() => {
		server.assets.set('page.html', {
			body: '<html><body>Login</body></html>',
			contentType: 'text/html; charset=utf-8',
		});
	});

	it.each(typeVersion === 2 ? CASES.filter(([name]) => name !== 'URL answering HTML') : CASES)(
		'%s',
		async (_name, parameters, items, message, description) => {
			const params = { ...parameters } as Record<string, unknown>;
			if (typeof params.imageUrl === 'string' && params.imageUrl.startsWith('ASSET:'))
				params.imageUrl = `${server.baseUrl}/assets/${params.imageUrl.slice(6)}`;
			const result = await run(params, items as never, typeVersion);
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(message);
			expect((result.error as { description?: string }).description).toMatch(description);
			expect(server.requests.filter((r) => !r.path.startsWith('/assets/'))).toHaveLength(0);
		},
	);
});

// The OpenAI node's Edits API reads its input through the same reader, except that a URL is
// passed on to OpenAI undownloaded (JSON form): the URL is still checked before any request.
describe('bad inputs to the Edits API are rejected before any request', () => {
	const openai = startServer(new OpenAiServer(), '/v1');
	const runEdits = (parameters: Record<string, unknown>, items = [{ json: {} }] as never[]) =>
		runNode({
			nodeType: 'openAiImageVariation',
			typeVersion: 2,
			parameters: { inputSource: 'binary', binaryPropertyName: 'data', ...parameters } as never,
			items,
			credentials: {
				openAiImagesApi: { apiKey: SECRET_KEYS.openai, baseUrl: openai.baseUrl },
			},
		});

	it.each([
		['item without binary', {}, /^Item 0: has no binary field "data"$/],
		[
			'malformed URL',
			{ inputSource: 'url', imageUrl: 'not a url' },
			/^Item 0: Image URL is not a valid URL: "not a url"$/,
		],
		[
			'non-http URL',
			{ inputSource: 'url', imageUrl: 'file:///etc/passwd' },
			/^Item 0: Image URL must use http or https, not "file": "file:\/\/\/etc\/passwd"$/,
		],
		[
			'URL expression resolving to a number',
			{ inputSource: 'url', imageUrl: '={{ 42 }}' },
			/^Item 0: Image URL must be text, but the value is a number$/,
		],
		[
			'garbage base64',
			{ inputSource: 'base64', imageBase64: 'this is *not* base64!!' },
			/^Item 0: Image \(Base64\) is not valid base64: "this is \*not\* base64!!"$/,
		],
		[
			'multipart from a URL answering HTML',
			{ inputSource: 'url', imageUrl: 'ASSET:page.html', options: { uploadAs: 'multipart' } },
			/^Item 0: Image URL answered with text\/html, not an image: http:\/\/127\.0\.0\.1:\d+\/v1\/assets\/page\.html$/,
		],
	])('%s', async (_name, parameters, message) => {
		openai.assets.set('page.html', { body: '<html>Login</html>', contentType: 'text/html' });
		const params = { ...parameters } as Record<string, unknown>;
		if (typeof params.imageUrl === 'string' && params.imageUrl.startsWith('ASSET:'))
			params.imageUrl = `${openai.baseUrl}/assets/${params.imageUrl.slice(6)}`;
		const result = await runEdits(params);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(openai.requests.filter((r) => !r.path.startsWith('/assets/'))).toHaveLength(0);
	});
});
