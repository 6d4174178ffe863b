import type { INodeProperties, INodeType } from 'n8n-workflow';

import { sniffImage } from '../../nodes/shared/image/sniff';
import { fixtures, makePng } from '../fixtures/images';
import type { InputItem } from '../harness/engine';
import { loadPackage } from '../harness/engine';
import { runEntry } from '../harness/runEntry';
import { SECRET_KEYS, serialise, startServer } from '../helpers';
import { BLOCKED_PROMPT_WORD, INSUFFICIENT_QUOTA, OpenAiServer } from '../servers/openAiServer';

// The OpenAI node's Edits API (version 2's default): variations through POST /images/edits with
// GPT Image models, in both body forms, against a server that validates every field.

const server = startServer(new OpenAiServer(), '/v1');
const route = 'POST /images/edits';
const variationsRoute = 'POST /images/variations';
/**
 * The route a node of this version calls by default: Variations in version 1, Edits in 2 (the
 * runs that rely on it leave the registry entry's API unset: `api: undefined`).
 */
const routeFor = (typeVersion: number) => (typeVersion === 1 ? variationsRoute : route);
beforeAll(() => {
	server.apiKey = SECRET_KEYS.openai;
});

const DEFAULT_PROMPT =
	'Create a variation of this image: keep its subject, composition and style, and vary the details.';

const binaryItem = (
	data: Buffer = fixtures.squarePng,
	fileName = 'in.png',
	mimeType = 'image/png',
): InputItem => ({
	binary: { data: { data, fileName, mimeType } },
});

function description(result: { error?: unknown }): string {
	return (result.error as { description?: string } | undefined)?.description ?? '';
}

describe('OpenAI Image Variation, Edits API: requests', () => {
	it('is the default of version 2: JSON body with the image as a data: URL and only what is set', async () => {
		const result = await runEntry('openAiEdits', { server });
		expect(result.error).toBeUndefined();
		const [req] = server.requestsTo(route);
		expect(req.headers.authorization).toBe(`Bearer ${SECRET_KEYS.openai}`);
		expect(req.headers['content-type']).toBe('application/json');
		// Streamed, yet with a Content-Length computed in advance.
		expect(Number(req.headers['content-length'])).toBe(req.body.length);
		expect(req.json).toEqual({
			images: [{ image_url: `data:image/png;base64,${fixtures.squarePng.toString('base64')}` }],
			prompt: DEFAULT_PROMPT,
			model: 'gpt-image-1.5',
			n: 1,
		});
		expect(server.requestsTo(variationsRoute)).toHaveLength(0);

		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			index: 0,
			model: 'gpt-image-1.5',
			created: expect.any(Number),
			size: '1024x1024',
			quality: 'medium',
			background: 'opaque',
			output_format: 'png',
			usage: {
				input_tokens: 323 + 24,
				input_tokens_details: { image_tokens: 323, text_tokens: 24 },
				output_tokens: 1056,
				total_tokens: 323 + 24 + 1056,
			},
			requestId: expect.stringMatching(/^req_/),
			fileName: 'in-variation.png',
			mimeType: 'image/png',
			fileSize: expect.any(Number),
			width: 64,
			height: 64,
		});
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileExtension: 'png' });
		expect(sniffImage(await result.readBinary(item))).toMatchObject({ format: 'png', width: 64 });
	});

	it('version 1 nodes keep the Variations API, so saved workflows run as before', async () => {
		const result = await runEntry('openAiEdits', {
			server,
			parameters: { api: undefined, n: 1, size: '256x256', responseFormat: 'b64_json' },
			typeVersion: 1,
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(variationsRoute)).toHaveLength(1);
		expect(server.requestsTo(route)).toHaveLength(0);
	});

	it('a URL input is passed on as image_url: the node does not download it', async () => {
		server.assets.set('cat.png', { body: fixtures.widePng, contentType: 'image/png' });
		const url = `${server.baseUrl}/assets/cat.png`;
		const result = await runEntry('openAiEdits', {
			server,
			parameters: { inputSource: 'url', imageUrl: url, n: 3 },
		});
		expect(result.error).toBeUndefined();
		const [req] = server.requestsTo(route);
		expect((req.json as { images: unknown }).images).toEqual([{ image_url: url }]);
		// The one fetch is the API's own (it received the URL, not the bytes).
		expect(server.requestsTo('/assets/')).toHaveLength(1);
		expect(server.edits[0].images[0]).toMatchObject({ via: 'url', name: url });
		expect(server.edits[0].images[0].bytes.equals(fixtures.widePng)).toBe(true);
		expect(result.items.map((i) => [i.json.fileName, i.pairedItem])).toEqual([
			['cat-variation-1.png', { item: 0 }],
			['cat-variation-2.png', { item: 0 }],
			['cat-variation-3.png', { item: 0 }],
		]);
	});

	it('base64 input goes as a data: URL of its true type, n = 3 gives three items', async () => {
		const result = await runEntry('openAiEdits', {
			server,
			parameters: {
				inputSource: 'base64',
				imageBase64: fixtures.photoJpeg.toString('base64'),
				n: 3,
			},
		});
		expect(result.error).toBeUndefined();
		const [edit] = server.edits;
		expect(edit).toMatchObject({
			form: 'json',
			n: 3,
			images: [{ via: 'data-url', type: 'image/jpeg' }],
		});
		expect(edit.images[0].bytes.equals(fixtures.photoJpeg)).toBe(true);
		expect(result.items).toHaveLength(3);
		expect(result.items.map((i) => i.json.index)).toEqual([0, 1, 2]);
	});

	it('sends every Image Option the user added, under its API name, and outputs the true format', async () => {
		const result = await runEntry('openAiEdits', {
			server,
			parameters: {
				imageModel: 'gpt-image-1',
				prompt: 'the same cat, in autumn',
				n: 2,
				user: 'user-1234',
				imageOptions: {
					size: '1536x1024',
					quality: 'high',
					background: 'transparent',
					outputFormat: 'webp',
					outputCompression: 80,
					inputFidelity: 'high',
					moderation: 'low',
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(route)[0].json).toEqual({
			images: [{ image_url: expect.stringMatching(/^data:image\/png;base64,/) }],
			prompt: 'the same cat, in autumn',
			model: 'gpt-image-1',
			n: 2,
			size: '1536x1024',
			quality: 'high',
			background: 'transparent',
			output_format: 'webp',
			output_compression: 80,
			input_fidelity: 'high',
			moderation: 'low',
			user: 'user-1234',
		});
		for (const item of result.items) {
			expect(item.json).toMatchObject({
				mimeType: 'image/webp',
				size: '1536x1024',
				quality: 'high',
				background: 'transparent',
				output_format: 'webp',
			});
			expect(item.binary?.data).toMatchObject({ mimeType: 'image/webp', fileExtension: 'webp' });
		}
		expect(result.items.map((i) => i.json.fileName)).toEqual([
			'in-variation-1.webp',
			'in-variation-2.webp',
		]);
	});

	it('Upload As Multipart sends image[] file parts with name and type, and the fields as text', async () => {
		const result = await runEntry('openAiEdits', {
			server,
			parameters: {
				n: 3,
				imageOptions: { outputFormat: 'jpeg' },
				options: { uploadAs: 'multipart' },
			},
		});
		expect(result.error).toBeUndefined();
		const [req] = server.requestsTo(route);
		expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const form = req.form!;
		const file = form.get('image[]') as File;
		expect([file.name, file.type]).toEqual(['in.png', 'image/png']);
		expect(Buffer.from(await file.arrayBuffer()).equals(fixtures.squarePng)).toBe(true);
		expect(Object.fromEntries([...form.entries()].filter(([k]) => k !== 'image[]'))).toEqual({
			prompt: DEFAULT_PROMPT,
			model: 'gpt-image-1.5',
			n: '3',
			output_format: 'jpeg',
		});
		expect(result.items).toHaveLength(3);
		for (const item of result.items)
			expect(item.binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileExtension: 'jpg' });
	});

	it('multipart with a URL input downloads it and uploads it as a file named after the URL', async () => {
		server.assets.set('photo.webp', { body: fixtures.lossyWebp, contentType: 'image/webp' });
		const result = await runEntry('openAiEdits', {
			server,
			parameters: {
				inputSource: 'url',
				imageUrl: `${server.baseUrl}/assets/photo.webp`,
				options: { uploadAs: 'multipart' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(server.edits[0].images).toEqual([
			{ bytes: fixtures.lossyWebp, via: 'file', name: 'photo.webp', type: 'image/webp' },
		]);
		expect(result.items[0].json.fileName).toBe('photo-variation.png');
	});

	it('several items each make their own request, paired to their input', async () => {
		const result = await runEntry('openAiEdits', {
			server,
			parameters: { n: 2 },
			items: [binaryItem(), binaryItem(fixtures.widePng, 'wide.png')],
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(route)).toHaveLength(2);
		expect(result.items.map((i) => [i.json.fileName, i.pairedItem])).toEqual([
			['in-variation-1.png', { item: 0 }],
			['in-variation-2.png', { item: 0 }],
			['wide-variation-1.png', { item: 1 }],
			['wide-variation-2.png', { item: 1 }],
		]);
	});
});

const MULTIPART = { uploadAs: 'multipart' };

describe('OpenAI Image Variation, Edits API: bad input fails before any request', () => {
	const cases: Array<[string, Record<string, unknown>, InputItem | undefined, string, string]> = [
		[
			'a GIF',
			{},
			binaryItem(fixtures.gif, 'a.gif', 'image/gif'),
			'Item 0: the input image is a GIF; OpenAI image edits accepts only PNG, JPEG or WEBP',
			'',
		],
		[
			'compression with PNG output',
			{ imageOptions: { outputCompression: 50 } },
			undefined,
			'Item 0: Image Options › Output Compression applies to JPEG and WEBP output only, but Output Format is PNG',
			'Set Output Format to JPEG or WEBP, or remove Output Compression.',
		],
		[
			'a transparent background with JPEG output',
			{ imageOptions: { background: 'transparent', outputFormat: 'jpeg' } },
			undefined,
			'Item 0: Image Options › a transparent Background needs PNG or WEBP output, but Output Format is JPEG',
			'Set Output Format to PNG or WEBP, or Background to Auto or Opaque.',
		],
		[
			'high input fidelity on gpt-image-1-mini',
			{ imageModel: 'gpt-image-1-mini', imageOptions: { inputFidelity: 'high' } },
			undefined,
			'Item 0: Image Options › gpt-image-1-mini supports Input Fidelity Low only',
			'Set Input Fidelity to Low, or use gpt-image-1.5 or gpt-image-1.',
		],
		[
			'any input fidelity on gpt-image-2 (OpenAI refuses the field)',
			{ imageModel: 'gpt-image-2', imageOptions: { inputFidelity: 'low' } },
			undefined,
			'Item 0: Image Options › gpt-image-2 does not take Input Fidelity (OpenAI refuses it for gpt-image-2)',
			'Remove Input Fidelity, or use gpt-image-1.5, which takes it.',
		],
		[
			'input fidelity on a dated gpt-image-2 snapshot',
			{ imageModel: 'gpt-image-2-2026-04-21', imageOptions: { inputFidelity: 'high' } },
			undefined,
			'Item 0: Image Options › gpt-image-2-2026-04-21 does not take Input Fidelity (OpenAI refuses it for gpt-image-2)',
			'Remove Input Fidelity, or use gpt-image-1.5, which takes it.',
		],
		[
			'quality xhigh on gpt-image-1.5',
			{ imageOptions: { quality: 'xhigh' } },
			undefined,
			'Item 0: Image Options › Quality xhigh needs gpt-image-2.5 or gpt-image-2.6; gpt-image-1.5 takes Auto, Low, Medium or High',
			'Set Quality to High, or Model to a gpt-image-2.5 or gpt-image-2.6 model.',
		],
		[
			'quality max on gpt-image-2',
			{ imageModel: 'gpt-image-2', imageOptions: { quality: 'max' } },
			undefined,
			'Item 0: Image Options › Quality max needs gpt-image-2.5 or gpt-image-2.6; gpt-image-2 takes Auto, Low, Medium or High',
			'Set Quality to High, or Model to a gpt-image-2.5 or gpt-image-2.6 model.',
		],
		[
			'complexity on gpt-image-2',
			{ imageModel: 'gpt-image-2', imageOptions: { complexity: 'high' } },
			undefined,
			'Item 0: Image Options › gpt-image-2 does not take Complexity (it needs gpt-image-2.5 or gpt-image-2.6)',
			'Remove Complexity, or set Model to a gpt-image-2.5 or gpt-image-2.6 model.',
		],
		[
			'moderation in the multipart form (a field of the JSON form only)',
			{ imageOptions: { moderation: 'low' }, options: { uploadAs: 'multipart' } },
			undefined,
			'Item 0: Image Options › Moderation is a field of the JSON form of /images/edits only, but Upload As is Multipart',
			'Set Options › Upload As to JSON, or remove Moderation.',
		],
		[
			'an unknown quality from an expression',
			{ imageOptions: { quality: 'ultra' } },
			undefined,
			'Item 0: Image Options › Quality must be one of auto, low, medium, high, xhigh, max, but is "ultra"',
			'Choose a Quality from the list, or make the expression resolve to one of auto, low, medium, high, xhigh, max.',
		],
		[
			'a compression of 101',
			{ imageOptions: { outputFormat: 'jpeg', outputCompression: 101 } },
			undefined,
			'Item 0: Image Options › Output Compression must be a whole number from 0 to 100, but is 101',
			'Set Output Compression between 0 and 100.',
		],
		[
			'an empty prompt',
			{ prompt: '  ' },
			undefined,
			'Item 0: Prompt is empty',
			'Describe what the model should make of the image, e.g. the default variation prompt.',
		],
		[
			'a prompt over 32,000 characters',
			{ prompt: 'x'.repeat(32_001) },
			undefined,
			'Item 0: Prompt is 32001 characters long; the API accepts at most 32000',
			'Shorten the prompt.',
		],
		[
			'a model of spaces only',
			{ imageModel: '   ' },
			undefined,
			'Item 0: Model is empty',
			'Set Model, e.g. gpt-image-1.5.',
		],
		[
			'11 images',
			{ n: 11 },
			undefined,
			'Item 0: Number of Images must be a whole number from 1 to 10, but is 11',
			'Set Number of Images between 1 and 10.',
		],
		// Each part of the range checks on its own.
		[
			'2.5 images',
			{ n: 2.5 },
			undefined,
			'Item 0: Number of Images must be a whole number from 1 to 10, but is 2.5',
			'Set Number of Images between 1 and 10.',
		],
		[
			'a number of images given as text',
			{ n: '={{ "3" }}' },
			undefined,
			'Item 0: Number of Images must be a whole number from 1 to 10, but is "3"',
			'Set Number of Images between 1 and 10.',
		],
		[
			'a compression of -1',
			{ imageOptions: { outputFormat: 'jpeg', outputCompression: -1 } },
			undefined,
			'Item 0: Image Options › Output Compression must be a whole number from 0 to 100, but is -1',
			'Set Output Compression between 0 and 100.',
		],
		[
			'a compression of 50.5',
			{ imageOptions: { outputFormat: 'jpeg', outputCompression: 50.5 } },
			undefined,
			'Item 0: Image Options › Output Compression must be a whole number from 0 to 100, but is 50.5',
			'Set Output Compression between 0 and 100.',
		],
		[
			'a compression given as text',
			{ imageOptions: { outputFormat: 'jpeg', outputCompression: '={{ "50" }}' } },
			undefined,
			'Item 0: Image Options › Output Compression must be a whole number from 0 to 100, but is a string',
			'Set Output Compression between 0 and 100.',
		],
		[
			'a custom size whose edges are not multiples of 16',
			{
				imageModel: 'gpt-image-2',
				imageOptions: { size: 'custom', customWidth: 1000, customHeight: 1000 },
				options: MULTIPART,
			},
			undefined,
			'Item 0: Image Options › Custom size 1000×1000 is not one gpt-image-2 takes: each edge must be a multiple of 16 pixels',
			'Set Custom Width to 1008 and Custom Height to 1008, the nearest size it takes (edges multiples of 16, the longer at most 3,840 pixels and 3 times the shorter, 655,360 to 8,294,400 pixels in all).',
		],
		[
			'a custom edge over 3,840 pixels',
			{
				imageModel: 'gpt-image-2',
				imageOptions: { size: 'custom', customWidth: 4096, customHeight: 2304 },
				options: MULTIPART,
			},
			undefined,
			'Item 0: Image Options › Custom size 4096×2304 is not one gpt-image-2 takes: the longer edge must be at most 3,840 pixels',
			'Set Custom Width to 3840 and Custom Height to 2160, the nearest size it takes (edges multiples of 16, the longer at most 3,840 pixels and 3 times the shorter, 655,360 to 8,294,400 pixels in all).',
		],
		[
			'a custom size wider than 3:1',
			{
				imageModel: 'gpt-image-2-2026-04-21',
				imageOptions: { size: 'custom', customWidth: 3840, customHeight: 1024 },
				options: MULTIPART,
			},
			undefined,
			'Item 0: Image Options › Custom size 3840×1024 is not one gpt-image-2-2026-04-21 takes: the longer edge must be at most 3 times the shorter (3:1)',
			'Set Custom Width to 3840 and Custom Height to 1280, the nearest size it takes (edges multiples of 16, the longer at most 3,840 pixels and 3 times the shorter, 655,360 to 8,294,400 pixels in all).',
		],
		[
			'a custom size under 655,360 pixels',
			{
				imageModel: 'gpt-image-2.6-sunburst',
				imageOptions: { size: 'custom', customWidth: 640, customHeight: 640 },
				options: MULTIPART,
			},
			undefined,
			'Item 0: Image Options › Custom size 640×640 is not one gpt-image-2.6-sunburst takes: width × height must be from 655,360 to 8,294,400 pixels, but is 409,600',
			'Set Custom Width to 816 and Custom Height to 816, the nearest size it takes (edges multiples of 16, the longer at most 3,840 pixels and 3 times the shorter, 655,360 to 8,294,400 pixels in all).',
		],
		[
			'a custom size over 8,294,400 pixels',
			{
				imageModel: 'gpt-image-2.5-sunburst',
				imageOptions: { size: 'custom', customWidth: 3008, customHeight: 3008 },
				options: MULTIPART,
			},
			undefined,
			'Item 0: Image Options › Custom size 3008×3008 is not one gpt-image-2.5-sunburst takes: width × height must be from 655,360 to 8,294,400 pixels, but is 9,048,064',
			'Set Custom Width to 2880 and Custom Height to 2880, the nearest size it takes (edges multiples of 16, the longer at most 3,840 pixels and 3 times the shorter, 655,360 to 8,294,400 pixels in all).',
		],
		[
			'a custom size on gpt-image-1.5, which takes the fixed sizes only',
			{
				imageOptions: { size: 'custom', customWidth: 2048, customHeight: 1152 },
				options: MULTIPART,
			},
			undefined,
			'Item 0: Image Options › gpt-image-1.5 takes only the fixed sizes (Auto, 1024×1024, 1536×1024, 1024×1536); Custom sizes need gpt-image-2, gpt-image-2.5 or gpt-image-2.6',
			'Choose one of the fixed sizes, or set Model to gpt-image-2.',
		],
		[
			'a custom size in the JSON form, which lists the fixed sizes only',
			{
				imageModel: 'gpt-image-2',
				imageOptions: { size: 'custom', customWidth: 2048, customHeight: 1152 },
			},
			undefined,
			'Item 0: Image Options › a Custom Size (2048x1152) is a field of the multipart form of /images/edits only; the JSON form takes the fixed sizes, but Upload As is JSON',
			'Set Options › Upload As to Multipart, or choose one of the fixed sizes.',
		],
		[
			'Size Custom without Custom Height',
			{ imageModel: 'gpt-image-2', imageOptions: { size: 'custom', customWidth: 2048 } },
			undefined,
			'Item 0: Image Options › Size is Custom, but Custom Height is not set',
			'Add Custom Width and Custom Height, e.g. 2048 × 1152.',
		],
		[
			'a Custom Width of 2.5 from an expression',
			{
				imageModel: 'gpt-image-2',
				imageOptions: { size: 'custom', customWidth: '={{ 2.5 }}', customHeight: 1024 },
			},
			undefined,
			'Item 0: Image Options › Custom Width must be a whole number of pixels, but is 2.5',
			'Set Custom Width to a whole number, e.g. 1024.',
		],
		[
			'a Custom Height given as text',
			{
				imageModel: 'gpt-image-2',
				imageOptions: { size: 'custom', customWidth: 1024, customHeight: '={{ "1024" }}' },
			},
			undefined,
			'Item 0: Image Options › Custom Height must be a whole number of pixels, but is a string',
			'Set Custom Height to a whole number, e.g. 1024.',
		],
		[
			'Custom Width and Height with a fixed Size',
			{ imageOptions: { size: '1024x1024', customWidth: 2048, customHeight: 1152 } },
			undefined,
			'Item 0: Image Options › Custom Width and Custom Height apply only when Size is Custom',
			'Set Size to Custom, or remove Custom Width and Custom Height.',
		],
		[
			'SVG output on gpt-image-2',
			{ imageModel: 'gpt-image-2', imageOptions: { outputFormat: 'svg' } },
			undefined,
			'Item 0: Image Options › Output Format SVG needs gpt-image-2.6; gpt-image-2 makes PNG, JPEG or WEBP',
			'Set Output Format to PNG, or Model to a gpt-image-2.6 model.',
		],
		[
			'GIF output on gpt-image-1.5',
			{ imageOptions: { outputFormat: 'gif' } },
			undefined,
			'Item 0: Image Options › Output Format GIF needs gpt-image-2.6; gpt-image-1.5 makes PNG, JPEG or WEBP',
			'Set Output Format to PNG, or Model to a gpt-image-2.6 model.',
		],
		[
			'compression with GIF output',
			{
				imageModel: 'gpt-image-2.6-flare',
				imageOptions: { outputFormat: 'gif', outputCompression: 50 },
			},
			undefined,
			'Item 0: Image Options › Output Compression applies to JPEG and WEBP output only, but Output Format is GIF',
			'Set Output Format to JPEG or WEBP, or remove Output Compression.',
		],
		[
			'a quality that is not text',
			{ imageOptions: { quality: '={{ 5 }}' } },
			undefined,
			'Item 0: Image Options › Quality must be one of auto, low, medium, high, xhigh, max, but is 5',
			'Choose a Quality from the list, or make the expression resolve to one of auto, low, medium, high, xhigh, max.',
		],
	];

	it.each(cases)('%s', async (_name, parameters, item, message, fix) => {
		const result = await runEntry('openAiEdits', {
			server,
			parameters: parameters,
			items: item ? [item] : undefined,
		});
		expect(result.error?.message).toMatch(
			new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
		);
		if (fix) expect(description(result)).toBe(fix);
		expect(server.requestsTo(route)).toHaveLength(0);
	});

	it('the limits themselves pass: 10 images, compression 0 and 100, a prompt of 32,000 characters', async () => {
		const prompt = 'x'.repeat(32_000);
		for (const outputCompression of [0, 100]) {
			const result = await runEntry('openAiEdits', {
				server,
				parameters: {
					n: 10,
					prompt,
					imageOptions: { outputFormat: 'jpeg', outputCompression },
				},
			});
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(10);
		}
		expect(
			server.requestsTo(route).map((r) => {
				const { n, output_compression, prompt: sent } = r.json as Record<string, unknown>;
				return [n, output_compression, (sent as string).length];
			}),
		).toEqual([
			[10, 0, 32_000],
			[10, 100, 32_000],
		]);
	});

	it('an Upload As that is neither JSON nor Multipart', async () => {
		const result = await runEntry('openAiEdits', {
			server,
			parameters: { options: { uploadAs: 'base64' } },
		});
		expect(result.error?.message).toBe(
			'Option "Upload As" must be one of json, multipart, but is "base64"',
		);
		expect(server.requestsTo(route)).toHaveLength(0);
	});

	it('an image whose data: URL would pass the JSON form’s 20,971,520 characters; Multipart takes it', async () => {
		// 15,728,641 bytes: 20,971,524 base64 characters, plus the prefix.
		const big = makePng(64, 64, 3, 15_728_641);
		const json = await runEntry('openAiEdits', { server, items: [binaryItem(big, 'big.png')] });
		expect(json.error?.message).toBe(
			'Item 0: the input image is too large for the JSON form of /images/edits: as a data: URL it takes 20,971,546 characters, and the API accepts at most 20,971,520 (about 15 MB of image)',
		);
		expect(description(json)).toBe(
			'Set Options › Upload As to Multipart (images up to 50 MB), give the image as a URL, or use a smaller image.',
		);
		expect(server.requestsTo(route)).toHaveLength(0);
		const multipart = await runEntry('openAiEdits', {
			server,
			parameters: { options: { uploadAs: 'multipart' } },
			items: [binaryItem(big, 'big.png')],
		});
		expect(multipart.error).toBeUndefined();
		expect(server.edits[0].images[0].bytes.length).toBe(15_728_641);
	});
});

// A workflow saved with an Image Option this version no longer has, and an image of exactly 50 MB.
describe('OpenAI Image Variation, Edits API: edges', () => {
	// n8n drops it before the node reads the collection, so the node needs no check of its own.
	it('an Image Option the node no longer has (a workflow saved by an older version) is not sent', async () => {
		const result = await runEntry('openAiEdits', {
			server,
			parameters: { imageOptions: { outputFormat: 'webp', legacyOption: 'x' } },
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(route)[0].json).toEqual({
			images: [{ image_url: expect.stringMatching(/^data:image\/png;base64,/) }],
			prompt: DEFAULT_PROMPT,
			model: 'gpt-image-1.5',
			n: 1,
			output_format: 'webp',
		});
	});

	it('an image of exactly 50 MB is refused before any request: the API takes less than 50 MB', async () => {
		const result = await runEntry('openAiEdits', {
			server,
			items: [binaryItem(makePng(64, 64, 3, 50 * 1024 * 1024))],
		});
		expect(result.error?.message).toBe(
			'Item 0: the input image is 64×64 PNG of 50.0 MB; OpenAI image edits accepts less than 50.0 MB',
		);
		expect(server.requestsTo(route)).toHaveLength(0);
	});
});

describe('OpenAI Image Variation, Edits API: refusals explained', () => {
	const MODEL_CANNOT_EDIT =
		'The model set in Model cannot edit images. Use a GPT Image model such as gpt-image-1.5, gpt-image-2, gpt-image-1 or gpt-image-1-mini; for dall-e-2 on a gateway, set API to Variations.';

	it('a model that cannot edit', async () => {
		const result = await runEntry('openAiEdits', {
			server,
			parameters: { imageModel: 'dall-e-3' },
		});
		expect(result.error?.message).toBe(
			"OpenAI-compatible API returned HTTP 400: Invalid value: 'dall-e-3'. Value must be one of 'gpt-image-1.5', 'gpt-image-1', 'gpt-image-1-mini', 'chatgpt-image-latest', 'gpt-image-2', 'gpt-image-2-2026-04-21', 'gpt-image-2.5-sunburst', 'gpt-image-2.6-2026-11-01', 'gpt-image-2.6-sunburst', 'gpt-image-2.6-flare'. [invalid_value]",
		);
		expect(description(result)).toMatch(
			new RegExp(
				`^${MODEL_CANNOT_EDIT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} Invalid parameters: model\\. Request ID: req_\\w+\\.$`,
			),
		);
	});

	it('a model the host does not know: model_not_found, never retried', async () => {
		const result = await runEntry('openAiEdits', {
			server,
			parameters: { imageModel: 'gpt-image-9' },
		});
		expect(result.error?.message).toBe(
			'OpenAI-compatible API returned HTTP 404: The model `gpt-image-9` does not exist or you do not have access to it. [model_not_found]',
		);
		expect(description(result)).toMatch(
			/^This host does not know the model set in Model, or the API key may not use it\. Check the name \(e\.g\. gpt-image-1\.5, gpt-image-2, gpt-image-1 or gpt-image-1-mini\) and the models the account may use\. Request ID: req_\w+\.$/,
		);
		expect(server.requestsTo(route)).toHaveLength(1);
	});

	it('moderation_blocked: the content policy, never retried', async () => {
		const result = await runEntry('openAiEdits', {
			server,
			parameters: { prompt: `a ${BLOCKED_PROMPT_WORD}` },
		});
		expect(result.error?.message).toBe(
			'OpenAI-compatible API returned HTTP 400: Your request was rejected as a result of our safety system. Your request may contain content that is not allowed by our safety system. [moderation_blocked]',
		);
		expect(description(result)).toMatch(
			/^OpenAI’s moderation refused this request under its content policy; retrying will not help\. Change the prompt or the input image\. Setting Moderation to Low \(Image Options\) makes the filter less strict, within the policy\. Request ID: req_\w+\.$/,
		);
		expect(server.requestsTo(route)).toHaveLength(1);
	});

	it('insufficient_quota on a 429: never retried', async () => {
		server.fail(route, INSUFFICIENT_QUOTA);
		const result = await runEntry('openAiEdits', { server });
		expect(result.error?.message).toBe(
			'OpenAI-compatible API returned HTTP 429: You exceeded your current quota, please check your plan and billing details. [insufficient_quota]',
		);
		expect(description(result)).toBe(
			'The account has no quota left; retrying will not help. Add credit or raise the limit in the provider’s billing settings.',
		);
		expect(server.requestsTo(route)).toHaveLength(1);
	});

	it('the 403 that asks for organization verification says where to verify', async () => {
		server.organizationVerified = false;
		const result = await runEntry('openAiEdits', { server });
		expect(result.error?.message).toMatch(
			/^OpenAI-compatible API returned HTTP 403: Your organization must be verified to use the model `gpt-image-1\.5`\./,
		);
		expect(description(result)).toMatch(
			/^OpenAI lets an organization use GPT Image models only after it has been verified\. An owner of the organization verifies it at https:\/\/platform\.openai\.com\/settings\/organization\/general \(Verify Organization\); access can take up to 15 minutes after verification\. Until then, use another organization’s key \(Organization ID in the credential\)\. Request ID: req_\w+\.$/,
		);
		expect(server.requestsTo(route)).toHaveLength(1);
	});

	const NOT_SERVED =
		/^This host does not serve \/images\/edits\. If it is a gateway that only offers \/images\/variations, set API to Variations \(DALL·E 2, for gateways\); otherwise check the Base URL of the OpenAI-Compatible Images credential \(it must end in \/v1\)\./;

	it('a gateway without /images/edits (404) suggests the Variations API', async () => {
		server.editsServed = false;
		const result = await runEntry('openAiEdits', { server });
		expect(result.error?.message).toBe(
			'OpenAI-compatible API returned HTTP 404: Invalid URL (POST /v1/images/edits) [invalid_request_error]',
		);
		expect(description(result)).toMatch(NOT_SERVED);
	});

	it('a gateway answering 405 for /images/edits suggests the Variations API', async () => {
		server.fail(route, { kind: 'status', status: 405, body: 'Method Not Allowed' });
		const result = await runEntry('openAiEdits', { server });
		expect(result.error?.message).toBe(
			'OpenAI-compatible API returned HTTP 405: Method Not Allowed',
		);
		expect(description(result)).toMatch(NOT_SERVED);
		expect(server.requestsTo(route)).toHaveLength(1);
	});

	it('an answer without b64_json names the field; the key appears nowhere', async () => {
		server.b64Override = '';
		const result = await runEntry('openAiEdits', { server, continueOnFail: true });
		expect(result.items[0].json.error).toBe(
			'OpenAI-compatible API returned HTTP 200: the response could not be used: data[0].b64_json is missing',
		);
		expect(serialise(result.items, result.error, result.run)).not.toContain(SECRET_KEYS.openai);
	});
});

describe('OpenAI Image Variation, the parameters the editor shows', () => {
	it('API defaults to Edits in version 2 and to Variations in version 1; Image Options hold the API’s own defaults', async () => {
		const { nodeTypes } = await loadPackage();
		const type = nodeTypes.getByName('n8n-nodes-ai-image.openAiImageVariation') as INodeType;
		const { properties, version, defaultVersion } = type.description;
		expect([version, defaultVersion]).toEqual([[1, 2], 2]);
		expect(
			properties
				.filter((p) => p.name === 'api')
				.map((p) => [p.displayOptions?.show?.['@version'], p.default, p.noDataExpression]),
		).toEqual([
			[[1], 'variations', true],
			[[2], 'edits', true],
		]);
		const imageOptions = properties.find((p) => p.name === 'imageOptions')!;
		expect(imageOptions.displayOptions).toEqual({ show: { api: ['edits'] } });
		const fields = Object.fromEntries(
			(imageOptions.options as INodeProperties[]).map((p) => [
				p.name,
				[
					p.type,
					p.default,
					(p.options as Array<{ value: string }> | undefined)?.map((o) => o.value),
				],
			]),
		);
		expect(fields).toEqual({
			background: ['options', 'auto', ['auto', 'transparent', 'opaque']],
			complexity: ['options', 'low', ['low', 'medium', 'high']],
			inputFidelity: ['options', 'low', ['low', 'high']],
			moderation: ['options', 'auto', ['auto', 'low']],
			customHeight: ['number', 1024, undefined],
			customWidth: ['number', 1024, undefined],
			outputCompression: ['number', 100, undefined],
			outputFormat: ['options', 'png', ['png', 'jpeg', 'webp', 'gif', 'svg']],
			quality: ['options', 'auto', ['auto', 'low', 'medium', 'high', 'xhigh', 'max']],
			size: ['options', 'auto', ['auto', '1024x1024', '1536x1024', '1024x1536', 'custom']],
		});
		// Which models each newer choice is for, as the model table lists them.
		const hints = Object.fromEntries(
			(imageOptions.options as INodeProperties[]).flatMap((p) =>
				((p.options ?? []) as Array<{ value: string; description?: string }>)
					.filter((o) => ['custom', 'xhigh', 'svg'].includes(o.value))
					.map((o) => [o.value, o.description]),
			),
		);
		expect(hints).toEqual({
			custom:
				'Custom Width × Custom Height (gpt-image-2, gpt-image-2.5 or gpt-image-2.6; Upload As Multipart)',
			xhigh: 'gpt-image-2.5 or gpt-image-2.6',
			svg: 'Vector image (gpt-image-2.6)',
		});
		const byName = (name: string) => properties.filter((p) => p.name === name);
		expect(byName('imageModel')[0]).toMatchObject({ default: 'gpt-image-1.5', required: true });
		expect(byName('prompt')[0]).toMatchObject({ default: DEFAULT_PROMPT, required: true });
		expect(byName('model')[0]).toMatchObject({
			default: 'dall-e-2',
			displayOptions: { show: { api: ['variations'] } },
		});
	});
});

// The hints for errors gateways send (a 401 without a code, a 404 without model_not_found), and
// errors that must not get a special hint (a 403 that is not about verification, a 400 about
// another parameter).
describe('OpenAI Image Variation: the hint for each kind of refusal', () => {
	const openAiError = (message: string, extra: Record<string, unknown> = {}) => ({
		error: { message, type: 'invalid_request_error', param: null, code: null, ...extra },
	});
	const cases: Array<[string, number, number, unknown, string, string]> = [
		[
			'a 401 without a code (a gateway)',
			2,
			401,
			{ error: { message: 'Unauthorized' } },
			'OpenAI-compatible API returned HTTP 401: Unauthorized',
			'The API key was rejected. Check the API key (and Organization ID, if set) in the OpenAI-Compatible Images credential.',
		],
		[
			'a 403 that is not about verification',
			2,
			403,
			openAiError('Project proj_1 does not have access to model gpt-image-1.5'),
			'OpenAI-compatible API returned HTTP 403: Project proj_1 does not have access to model gpt-image-1.5 [invalid_request_error]',
			'The API key is not allowed to do this. Check the API key and the plan of the account it belongs to.',
		],
		[
			'a 400 about another parameter than the model',
			2,
			400,
			openAiError("Invalid size '640x480'.", { param: 'size', code: 'invalid_value' }),
			"OpenAI-compatible API returned HTTP 400: Invalid size '640x480'. [invalid_value]",
			'The API rejected the request. Check the node parameters against the message above. Invalid parameters: size.',
		],
		[
			'Variations: a 404 saying the model is deprecated, without model_not_found',
			1,
			404,
			openAiError('The model dall-e-2 has been deprecated'),
			'OpenAI-compatible API returned HTTP 404: The model dall-e-2 has been deprecated [invalid_request_error]',
			'This host no longer serves that model for image variations: OpenAI removed dall-e-2, the only model /images/variations ever supported, on 2026-05-12. Set the Base URL of the OpenAI-Compatible Images credential to a gateway that still serves the endpoint (e.g. LiteLLM), and the Model parameter to the name that gateway uses.',
		],
		[
			'Variations: a plain 404',
			1,
			404,
			'Not Found',
			'OpenAI-compatible API returned HTTP 404: Not Found',
			'This host does not serve /images/variations. Check the Base URL of the OpenAI-Compatible Images credential (it must end in /v1 for OpenAI-style gateways).',
		],
	];

	it.each(cases)('%s', async (_name, typeVersion, status, body, message, hint) => {
		const path = routeFor(typeVersion);
		server.fail(path, { kind: 'status', status, body });
		const result = await runEntry('openAiEdits', {
			server,
			parameters: { api: undefined },
			typeVersion,
		});
		expect(result.error?.message).toBe(message);
		expect(description(result)).toBe(hint);
		expect(server.requestsTo(path)).toHaveLength(1);
	});

	it('a 503 from /images/edits is not resent (OpenAI names no 5xx as unprocessed), unless Resend Paid Requests is on', async () => {
		const busy = {
			kind: 'status' as const,
			status: 503,
			body: openAiError('busy', { type: 'server_error' }),
		};
		server.fail(route, busy);
		const kept = await runEntry('openAiEdits', { server });
		expect(kept.error?.message).toBe(
			'OpenAI-compatible API returned HTTP 503: busy [server_error] (the request may have been taken and charged)',
		);
		expect(server.requestsTo(route)).toHaveLength(1);
		server.fail(route, busy);
		const resent = await runEntry('openAiEdits', {
			server,
			parameters: { options: { resendPaidRequests: true } },
		});
		expect(resent.error).toBeUndefined();
		expect(server.requestsTo(route)).toHaveLength(3);
	});
});

// What an item carries from an answer with empty fields, the two ways an answer can be unusable, file names for one image and
// for several, and the User field sent only when set.
describe('OpenAI Image Variation: answers, exactly', () => {
	const b64 = fixtures.squarePng.toString('base64');
	const answer = (typeVersion: number, body: unknown) => {
		server.fail(routeFor(typeVersion), { kind: 'status', status: 200, body });
		return runEntry('openAiEdits', {
			server,
			parameters: { api: undefined },
			typeVersion,
			continueOnFail: true,
		});
	};
	const UNUSABLE =
		'The API answered but its response was not what its documentation promises. Try again; if it persists, the host behind the Base URL may not implement this API faithfully.';

	it('Edits: fields the answer leaves null are left out of the item, and so is a missing request id', async () => {
		const result = await answer(2, { created: 7, background: null, data: [{ b64_json: b64 }] });
		// toStrictEqual: a key holding undefined counts (toEqual would ignore it).
		expect(result.items.map((item) => item.json)).toStrictEqual([
			{
				index: 0,
				model: 'gpt-image-1.5',
				created: 7,
				fileName: 'in-variation.png',
				mimeType: 'image/png',
				fileSize: fixtures.squarePng.length,
				width: 64,
				height: 64,
			},
		]);
	});

	it.each([
		[2, 'plain text', 'the body is not JSON'],
		[2, {}, 'it has no data array'],
		[1, 'plain text', 'the body is not JSON'],
		[1, { data: [] }, 'it has no data array'],
	])('version %i: an answer of %j: "%s"', async (typeVersion, body, problem) => {
		const result = await answer(typeVersion, body);
		expect(result.items.map((item) => item.json)).toEqual([
			{
				error: `OpenAI-compatible API returned HTTP 200: the response could not be used: ${problem}`,
				description: UNUSABLE,
				httpCode: '200',
			},
		]);
	});

	it('Variations: one image is named after the input, several are numbered', async () => {
		const names = async (count: number) =>
			(await answer(1, { created: 7, data: Array(count).fill({ b64_json: b64 }) })).items.map(
				(item) => item.binary?.data?.fileName,
			);
		expect(await names(1)).toEqual(['in-variation.png']);
		expect(await names(2)).toEqual(['in-variation-1.png', 'in-variation-2.png']);
	});

	it('User is sent only when set', async () => {
		await runEntry('openAiEdits', { server, parameters: { api: undefined }, typeVersion: 1 });
		await runEntry('openAiEdits', {
			server,
			parameters: { api: undefined, user: 'user-1234' },
			typeVersion: 1,
		});
		expect(server.requestsTo(variationsRoute).map((request) => request.form?.get('user'))).toEqual([
			null,
			'user-1234',
		]);
		await runEntry('openAiEdits', { server });
		await runEntry('openAiEdits', { server, parameters: { user: 'user-1234' } });
		expect(
			server.requestsTo(route).map((request) => (request.json as { user?: string }).user),
		).toEqual([undefined, 'user-1234']);
	});
});

// OpenAI answers GPT Image edits with b64_json only; a gateway that serves /images/edits may
// answer data[].url instead, as the Variations API can.
describe('OpenAI Image Variation, Edits API on a gateway that answers URLs', () => {
	beforeEach(() => {
		server.editsAnswerUrls = true;
	});

	it('each URL is downloaded at once, without the key, into its own item with the answer’s fields', async () => {
		server.revisedPrompt = 'a cat, in watercolour';
		const result = await runEntry('openAiEdits', { server, parameters: { n: 2 } });
		expect(result.error).toBeUndefined();
		const downloads = server.requestsTo('/files/');
		expect(downloads).toHaveLength(2);
		for (const download of downloads) expect(download.headers.authorization).toBeUndefined();
		expect(
			result.items.map((item) => [item.json.index, item.json.fileName, item.pairedItem]),
		).toEqual([
			[0, 'in-variation-1.png', { item: 0 }],
			[1, 'in-variation-2.png', { item: 0 }],
		]);
		expect(result.items[0].json).toMatchObject({
			model: 'gpt-image-1.5',
			revised_prompt: 'a cat, in watercolour',
			usage: expect.objectContaining({ output_tokens: 2112 }),
			url: expect.stringMatching(/\/files\/[\w-]+\.png\?se=/),
			mimeType: 'image/png',
		});
		expect(result.items[0].binary?.data).toMatchObject({
			mimeType: 'image/png',
			fileExtension: 'png',
		});
	});

	it('Download URL Results off: one item per URL, no download', async () => {
		const result = await runEntry('openAiEdits', {
			server,
			parameters: { options: { downloadUrlResults: false } },
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo('/files/')).toHaveLength(0);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].binary).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			index: 0,
			model: 'gpt-image-1.5',
			url: expect.stringMatching(/\/files\//),
		});
	});

	it('a URL that no longer answers fails with the URL, so it can still be fetched', async () => {
		server.fail('GET /files/*', { kind: 'status', status: 404, body: 'NoSuchKey' });
		const result = await runEntry('openAiEdits', { server });
		expect(result.error?.message).toMatch(/generated image download returned HTTP 404/);
		expect(`${result.error?.message} ${description(result)}`).toContain('/files/');
	});

	it('an entry with neither b64_json nor url is an unusable answer, naming the field', async () => {
		server.fail(route, { kind: 'status', status: 200, body: { created: 1, data: [{}] } });
		const result = await runEntry('openAiEdits', { server });
		expect(result.error?.message).toBe(
			'OpenAI-compatible API returned HTTP 200: the response could not be used: data[0].b64_json is missing',
		);
	});

	it('the option is shown for both APIs', async () => {
		const { nodeTypes } = await loadPackage();
		const type = nodeTypes.getByName('n8n-nodes-ai-image.openAiImageVariation') as INodeType;
		const options = type.description.properties.find((p) => p.name === 'options')!
			.options as INodeProperties[];
		expect(options.find((o) => o.name === 'downloadUrlResults')?.displayOptions).toEqual({
			show: { '/api': ['variations', 'edits'] },
		});
	});
});

// The model table (nodes/OpenAi/actions/edits/models.ts): what each family takes is sent; a name of
// no family (a gateway's) gets only the schema's checks.
describe('OpenAI Image Variation, Edits API: fields by model', () => {
	it.each(['json', 'multipart'])(
		'a gpt-image-2.6 snapshot: Quality max and Complexity are sent (%s)',
		async (uploadAs) => {
			const result = await runEntry('openAiEdits', {
				server,
				parameters: {
					imageModel: 'gpt-image-2.6-2026-11-01',
					imageOptions: { quality: 'max', complexity: 'high' },
					options: { uploadAs },
				},
			});
			expect(result.error).toBeUndefined();
			expect(server.edits[0]).toMatchObject({
				form: uploadAs,
				model: 'gpt-image-2.6-2026-11-01',
				fields: { quality: 'max', complexity: 'high' },
			});
			expect(result.items[0].json).toMatchObject({ quality: 'max' });
		},
	);

	it('a model name of no family is not checked against the table: the host decides', async () => {
		server.editModels.add('acme-image-edit');
		const result = await runEntry('openAiEdits', {
			server,
			parameters: {
				imageModel: 'acme-image-edit',
				imageOptions: { quality: 'xhigh', inputFidelity: 'high' },
			},
		});
		// This contract server refuses xhigh for any model outside gpt-image-2.5 and 2.6.
		expect(result.error?.message).toBe(
			"OpenAI-compatible API returned HTTP 400: Invalid value: 'xhigh'. Quality 'xhigh' is not supported by acme-image-edit. [invalid_value]",
		);
		expect(server.requestsTo(route)).toHaveLength(1);
	});

	it('Moderation is sent in the JSON form', async () => {
		const result = await runEntry('openAiEdits', {
			server,
			parameters: { imageOptions: { moderation: 'low' } },
		});
		expect(result.error).toBeUndefined();
		expect(server.edits[0]).toMatchObject({ form: 'json', fields: { moderation: 'low' } });
	});

	it('gpt-image-2 on the Edits API: its name is among the Model hints', async () => {
		const { nodeTypes } = await loadPackage();
		const type = nodeTypes.getByName('n8n-nodes-ai-image.openAiImageVariation') as INodeType;
		const model = type.description.properties.find((p) => p.name === 'imageModel')!;
		expect(model.description).toBe(
			'Model name as the host knows it, e.g. gpt-image-1.5, gpt-image-2, gpt-image-2.6-sunburst, gpt-image-2.6-flare, gpt-image-1, gpt-image-1-mini, chatgpt-image-latest',
		);
	});
});

// Size Custom (gpt-image-2 and later, multipart form) and gpt-image-2.6's GIF and SVG output:
// each file keeps its true type, read from the bytes, or named by the answer's output_format when
// the bytes are not a raster format the node can read (an SVG).
describe('OpenAI Image Variation, Edits API: custom sizes and the newest formats', () => {
	const customSize = (customWidth: number, customHeight: number) => ({
		size: 'custom',
		customWidth,
		customHeight,
	});

	it.each([
		['gpt-image-2', 2048, 1152],
		['gpt-image-2-2026-04-21', 3840, 2160],
		['gpt-image-2.6-sunburst', 1024, 3072],
	])('%s with Custom %i × %i goes multipart as WIDTHxHEIGHT', async (model, width, height) => {
		const result = await runEntry('openAiEdits', {
			server,
			parameters: {
				imageModel: model,
				imageOptions: customSize(width, height),
				options: MULTIPART,
			},
		});
		expect(result.error).toBeUndefined();
		expect(server.edits[0]).toMatchObject({
			form: 'multipart',
			model,
			fields: { size: `${width}x${height}` },
		});
		expect(result.items[0].json).toMatchObject({ size: `${width}x${height}`, model });
	});

	it('a model name of no family takes any WIDTHxHEIGHT to the host: the host decides', async () => {
		server.editModels.add('acme-image-edit');
		const result = await runEntry('openAiEdits', {
			server,
			parameters: {
				imageModel: 'acme-image-edit',
				imageOptions: customSize(1000, 1000),
				options: MULTIPART,
			},
		});
		// This contract server, like OpenAI, takes custom sizes only for the gpt-image-2 families.
		expect(result.error?.message).toBe(
			"OpenAI-compatible API returned HTTP 400: Invalid value: '1000x1000'. Supported values are: 'auto', '1024x1024', '1536x1024', '1024x1536'. [invalid_value]",
		);
		expect(server.requestsTo(route)).toHaveLength(1);
	});

	it.each([
		['svg', 'image/svg+xml', 'svg'],
		['gif', 'image/gif', 'gif'],
	])(
		'gpt-image-2.6 with Output Format %s: the file is %s, .%s',
		async (outputFormat, mimeType, extension) => {
			const result = await runEntry('openAiEdits', {
				server,
				parameters: { imageModel: 'gpt-image-2.6-flare', imageOptions: { outputFormat } },
			});
			expect(result.error).toBeUndefined();
			const [item] = result.items;
			expect(item.json).toMatchObject({
				output_format: outputFormat,
				mimeType,
				fileName: `in-variation.${extension}`,
			});
			expect(item.binary?.data).toMatchObject({ mimeType, fileExtension: extension });
		},
	);

	it('an SVG from a gateway that answers URLs is downloaded and named by the answer’s format', async () => {
		server.editsAnswerUrls = true;
		const result = await runEntry('openAiEdits', {
			server,
			parameters: { imageModel: 'gpt-image-2.6-sunburst', imageOptions: { outputFormat: 'svg' } },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			url: expect.stringContaining('/files/'),
			mimeType: 'image/svg+xml',
			fileName: 'in-variation.svg',
		});
	});

	it('the bytes win over the declared format: a PNG in an answer that says svg is a PNG', async () => {
		server.b64Override = fixtures.squarePng.toString('base64');
		const result = await runEntry('openAiEdits', {
			server,
			parameters: { imageModel: 'gpt-image-2.6-flare', imageOptions: { outputFormat: 'svg' } },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			mimeType: 'image/png',
			fileName: 'in-variation.png',
		});
	});

	it('bytes that are not the PNG the answer declares are refused, never labelled PNG', async () => {
		server.b64Override = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString(
			'base64',
		);
		const result = await runEntry('openAiEdits', { server });
		expect(result.error?.message).toBe(
			'OpenAI-compatible API returned HTTP 200: the response could not be used: data[0].b64_json is not a PNG, JPEG or WEBP image',
		);
	});

	it('gpt-image-2 refusing a transparent background says what to set instead', async () => {
		server.refusesTransparent.add('gpt-image-2');
		const result = await runEntry('openAiEdits', {
			server,
			parameters: { imageModel: 'gpt-image-2', imageOptions: { background: 'transparent' } },
		});
		expect(result.error?.message).toBe(
			"OpenAI-compatible API returned HTTP 400: Transparent background is not supported for the model 'gpt-image-2'. [invalid_value]",
		);
		expect(description(result)).toMatch(
			/^The model refused this Background \(OpenAI’s sources disagree on whether gpt-image-2 makes transparent backgrounds\)\. Set Image Options › Background to Auto or Opaque, or use gpt-image-1\.5, which makes transparent backgrounds\./,
		);
		expect(server.requestsTo(route)).toHaveLength(1);
	});
});
