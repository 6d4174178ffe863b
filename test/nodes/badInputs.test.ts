import { NOVITA_MODELS } from '../../nodes/Novita/models';
import { fixtures } from '../fixtures/images';
import { runEntry } from '../harness/runEntry';
import { SECRET_KEYS, startServer } from '../helpers';
import { FreepikServer } from '../servers/freepikServer';
import { NovitaServer } from '../servers/novitaServer';
import { OpenAiServer } from '../servers/openAiServer';

// Bad inputs through the shared input reader: each is a NodeOperationError naming the item and the
// value found, and the API server sees no request at all.
const server = startServer(new NovitaServer());
const freepik = startServer(new FreepikServer());
beforeAll(() => {
	server.apiKey = SECRET_KEYS.novita;
	freepik.apiKey = SECRET_KEYS.freepik;
});
const PNG = { data: fixtures.squarePng, fileName: 'a.png', mimeType: 'image/png' };

/** Items that have no binary data: each case says what it reads instead. */
const NO_BINARY = [{ json: {} }];

// Exact message and fix; BASE stands for the server's address, API for the API's name.
const CASES: Array<[string, Record<string, unknown>, unknown[] | undefined, string, string]> = [
	[
		'missing binary field',
		{ binaryPropertyName: 'image' },
		[{ binary: { data: PNG } }],
		'Item 0: has no binary field "image"',
		'Its binary fields are: data. Set Input Binary Field to one of them.',
	],
	[
		'missing binary field among several',
		{ binaryPropertyName: 'image' },
		[{ binary: { photo: PNG, thumbnail: PNG } }],
		'Item 0: has no binary field "image"',
		'Its binary fields are: photo, thumbnail. Set Input Binary Field to one of them.',
	],
	[
		'item without binary',
		{},
		[{ json: { a: 1 } }],
		'Item 0: has no binary field "data"',
		'The item carries no binary data. Read the image first (e.g. with Read/Write Files from Disk or HTTP Request), or choose the URL or Base64 input source.',
	],
	[
		'empty Input Binary Field',
		{ binaryPropertyName: '  ' },
		[{ binary: { data: PNG } }],
		'Item 0: Input Binary Field is empty',
		'Fill in Input Binary Field, or choose another Input Image Source.',
	],
	[
		'Output Binary Field resolving to empty',
		{ outputBinaryPropertyName: '={{ "" }}' },
		[{ binary: { data: PNG } }],
		'Item 0: Output Binary Field is empty',
		'Name the output binary field the image goes in, e.g. data.',
	],
	[
		'Image URL resolving to empty',
		{ inputSource: 'url', imageUrl: '={{ "" }}' },
		undefined,
		'Item 0: Image URL is empty',
		'Fill in Image URL, or choose another Input Image Source.',
	],
	[
		'malformed URL',
		{ inputSource: 'url', imageUrl: 'not a url' },
		undefined,
		'Item 0: Image URL is not a valid URL: "not a url"',
		'Give a full address starting with https:// (or http://).',
	],
	[
		'non-http URL',
		{ inputSource: 'url', imageUrl: 'file:///etc/passwd' },
		undefined,
		'Item 0: Image URL must use http or https, not "file": "file:///etc/passwd"',
		'Only http:// and https:// addresses can be downloaded.',
	],
	[
		'URL answering HTML',
		{ inputSource: 'url', imageUrl: 'BASE/assets/page.html' },
		undefined,
		'Item 0: Image URL answered with text/html, not an image: BASE/assets/page.html',
		'Use the direct address of the image file, not of a web page showing it.',
	],
	[
		'URL answering plain text',
		{ inputSource: 'url', imageUrl: 'BASE/assets/note.txt' },
		undefined,
		'Item 0: Image URL answered with text/plain, not an image: BASE/assets/note.txt',
		'Use the direct address of the image file, not of a web page showing it.',
	],
	[
		'URL answering without a content type, not an image',
		{ inputSource: 'url', imageUrl: 'BASE/assets/untyped' },
		undefined,
		'Item 0: the input is not an image: it is text ("hello") (5 B)',
		'API needs a PNG, JPEG or WEBP image. Check that the input really holds an image file.',
	],
	[
		'URL labelled as an image that is not one',
		{ inputSource: 'url', imageUrl: 'BASE/assets/fake.png' },
		undefined,
		'Item 0: the input is not an image: it is text ("hello") (5 B, declared as image/png)',
		'API needs a PNG, JPEG or WEBP image. Check that the input really holds an image file.',
	],
	[
		'garbage base64',
		{ inputSource: 'base64', imageBase64: 'this is *not* base64!!' },
		undefined,
		'Item 0: Image (Base64) is not valid base64: "this is *not* base64!!"',
		'Give the image as base64 text (A–Z, a–z, 0–9, +, /, =) or as a data:image/...;base64, URL, without line noise.',
	],
	[
		'garbage base64 between spaces, quoted without them',
		{ inputSource: 'base64', imageBase64: '   *not* base64   ' },
		undefined,
		'Item 0: Image (Base64) is not valid base64: "*not* base64"',
		'Give the image as base64 text (A–Z, a–z, 0–9, +, /, =) or as a data:image/...;base64, URL, without line noise.',
	],
	[
		'base64 of text',
		{
			inputSource: 'base64',
			imageBase64: Buffer.from('hello world, not an image').toString('base64'),
		},
		undefined,
		'Item 0: the input is not an image: it is text ("hello world, not an image") (25 B)',
		'API needs a PNG, JPEG or WEBP image. Check that the input really holds an image file.',
	],
	[
		'URL expression resolving to a number',
		{ inputSource: 'url', imageUrl: '={{ 42 }}' },
		undefined,
		'Item 0: Image URL must be text, but the value is a number',
		'Make the expression for Image URL resolve to a string.',
	],
	[
		'base64 expression resolving to an object',
		{ inputSource: 'base64', imageBase64: '={{ { a: 1 } }}' },
		undefined,
		'Item 0: Image (Base64) must be text, but the value is an object',
		'Make the expression for Image (Base64) resolve to a string.',
	],
	[
		'unknown output type through an expression',
		{ responseImageType: '={{ "gif" }}' },
		[{ binary: { data: { data: fixtures.squarePng } } }],
		'Item 0: Output Image Type must be one of png, webp, jpeg, but is "gif"',
		'Choose PNG, WEBP or JPEG, or make the expression resolve to png, webp or jpeg.',
	],
];

// The URL cases that Qwen Image Edit passes on undownloaded: Novita's to refuse there.
const DOWNLOADED_ONLY = [
	'URL answering HTML',
	'URL answering plain text',
	'URL answering without a content type, not an image',
	'URL labelled as an image that is not one',
];

// Version 1 runs the classic endpoint; version 2 runs the models (Qwen Image Edit by default),
// which pass a URL input on undownloaded (so a URL answering HTML is Novita's to refuse there).
const ENGINES = [
	{
		engine: 'classic endpoint',
		typeVersion: 1,
		parameters: {},
		api: 'Novita Reimagine',
		formats: 'PNG, JPEG or WEBP',
		readsOutputType: true,
	},
	...NOVITA_MODELS.map((model) => ({
		engine: model.displayName,
		typeVersion: 2,
		parameters: { engine: model.engine },
		api: `Novita Reimagine (${model.displayName})`,
		formats: model.image.formats.includes('gif') ? 'PNG, JPEG, WEBP or GIF' : 'PNG, JPEG or WEBP',
		readsOutputType: model.outputFormatField !== undefined,
	})),
];

describe.each(ENGINES)('bad inputs are rejected before any request ($engine)', (engine) => {
	const { typeVersion, api } = engine;
	const cases = CASES.filter(
		([name]) =>
			(typeVersion === 1 || !DOWNLOADED_ONLY.includes(name)) &&
			(engine.readsOutputType || name !== 'unknown output type through an expression'),
	);
	beforeEach(() => {
		server.assets.set('page.html', {
			body: '<html><body>Login</body></html>',
			contentType: 'text/html; charset=utf-8',
		});
		server.assets.set('note.txt', { body: 'not an image', contentType: 'text/plain' });
		server.assets.set('untyped', { body: 'hello' });
		server.assets.set('fake.png', { body: 'hello', contentType: 'image/png' });
	});

	it.each(cases)('%s', async (_name, parameters, items, message, description) => {
		const fill = (text: string) =>
			text
				.replaceAll('BASE', server.baseUrl)
				.replace(/^API/, api)
				.replace('needs a PNG, JPEG or WEBP image', `needs a ${engine.formats} image`);
		const params = Object.fromEntries(
			Object.entries(parameters).map(([k, v]) => [k, typeof v === 'string' ? fill(v) : v]),
		);
		const result = await runEntry('novitaReimagine', {
			server,
			parameters: { ...engine.parameters, ...params },
			items: (items ?? NO_BINARY) as never,
			typeVersion,
		});
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(fill(message));
		expect((result.error as { description?: string }).description).toBe(fill(description));
		expect(server.requests.filter((r) => !r.path.startsWith('/assets/'))).toHaveLength(0);
	});

	if (typeVersion === 1)
		it('a URL labelled as text whose bytes are an image is used (servers mislabel files)', async () => {
			server.assets.set('mislabelled', { body: fixtures.squarePng, contentType: 'text/plain' });
			const result = await runEntry('novitaReimagine', {
				server,
				parameters: { inputSource: 'url', imageUrl: `${server.baseUrl}/assets/mislabelled` },
				items: NO_BINARY,
				typeVersion,
			});
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.fileName).toBe('mislabelled-reimagined.png');
		});

	it('a base64 input names its output "image"', async () => {
		const result = await runEntry('novitaReimagine', {
			server,
			parameters: {
				...engine.parameters,
				inputSource: 'base64',
				imageBase64: fixtures.squarePng.toString('base64'),
			},
			items: NO_BINARY,
			typeVersion,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.fileName).toMatch(/^image-reimagined\.(png|jpg)$/);
	});
});

// Magnific's models on the Freepik node read their images through the same reader; an image URL
// is passed on undownloaded (Magnific fetches it), so the URL cases that need the bytes are
// Magnific's to refuse. Neither the API nor the upload storage sees a request.
describe.each([
	['Flux Kontext Max', 'freepikKontextMax'],
	['Seedream 4.5 Edit', 'freepikSeedreamEdit'],
	['Nano Banana Pro', 'freepikNanoBananaPro'],
])('bad inputs are rejected before any request (Magnific %s)', (modelName, entry) => {
	const cases = CASES.filter(
		([name]) =>
			!DOWNLOADED_ONLY.includes(name) && name !== 'unknown output type through an expression',
	);
	it.each(cases)('%s', async (_name, parameters, items, message, description) => {
		const fill = (text: string) =>
			text.replaceAll('BASE', freepik.baseUrl).replace(/^API/, `Freepik ${modelName}`);
		const params = Object.fromEntries(
			Object.entries(parameters).map(([k, v]) => [k, typeof v === 'string' ? fill(v) : v]),
		);
		const result = await runEntry(entry, {
			server: freepik,
			parameters: params,
			items: (items ?? NO_BINARY) as never,
		});
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(fill(message));
		expect((result.error as { description?: string }).description).toBe(fill(description));
		expect(freepik.requests.filter((r) => !r.path.startsWith('/assets/'))).toHaveLength(0);
	});
});

// The OpenAI node's Edits API reads its input through the same reader, except that a URL is
// passed on to OpenAI undownloaded (JSON form): the URL is still checked before any request.
describe('bad inputs to the Edits API are rejected before any request', () => {
	const openai = startServer(new OpenAiServer(), '/v1');
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
		const result = await runEntry('openAiEdits', {
			server: openai,
			parameters: params,
			items: NO_BINARY,
		});
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(openai.requests.filter((r) => !r.path.startsWith('/assets/'))).toHaveLength(0);
	});
});
