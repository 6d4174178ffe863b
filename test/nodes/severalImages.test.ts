import { fixtures, makePng, maskPng } from '../fixtures/images';
import type { InputItem } from '../harness/engine';
import { runEntry } from '../harness/runEntry';
import { expectNoSecrets, SECRET_KEYS, serialise, startServer } from '../helpers';
import { KONTEXT_PATHS, NovitaServer, QWEN_PATH, SEEDREAM_PATH } from '../servers/novitaServer';
import { OpenAiServer } from '../servers/openAiServer';

// Several input images and a mask per item, through n8n's engine against the strict contract
// servers: OpenAI Edits (up to 16 images and a PNG mask, in both body forms) and Novita's models
// (FLUX.1 Kontext up to 4, Seedream 4.5 up to 14, Qwen Image Edit one). Each refusal is checked
// with its exact message and no request sent; the servers enforce the limits on their own.

const openai = startServer(new OpenAiServer(), '/v1');
const novita = startServer(new NovitaServer());
beforeAll(() => {
	openai.apiKey = SECRET_KEYS.openai;
	novita.apiKey = SECRET_KEYS.novita;
});

const EDITS = 'POST /images/edits';
const png = (data: Buffer, fileName: string) => ({ data, fileName, mimeType: 'image/png' });
const IMAGE_1 = makePng(64, 64, 1);
const IMAGE_2 = makePng(48, 32, 2);
const IMAGE_3 = makePng(32, 48, 3);
const MASK = maskPng(64, 64);

/** One item holding the three images (data, data_1, data_2) and the mask (mask). */
const threeImagesAndMask = (mask: Buffer = MASK): InputItem => ({
	binary: {
		data: png(IMAGE_1, 'scene.png'),
		data_1: png(IMAGE_2, 'product.png'),
		data_2: png(IMAGE_3, 'logo.png'),
		mask: png(mask, 'mask.png'),
	},
});

const additional = (...entries: Array<Record<string, string>>) => ({
	additionalImages: { images: entries },
});
const fromFields = additional(
	{ source: 'binary', binaryPropertyName: 'data_1' },
	{ source: 'binary', binaryPropertyName: 'data_2' },
);
const binaryMask = { maskSource: 'binary', maskBinaryPropertyName: 'mask' };

const description = (result: { error?: unknown }) =>
	(result.error as { description?: string } | undefined)?.description ?? '';

describe('OpenAI Edits: several images and a mask', () => {
	it('JSON form: three binary images and a binary mask, as data: URLs in order', async () => {
		const result = await runEntry('openAiEdits', {
			server: openai,
			items: [threeImagesAndMask()],
			parameters: { ...fromFields, ...binaryMask },
		});
		expect(result.error).toBeUndefined();
		const [req] = openai.requestsTo(EDITS);
		expect(req.headers['content-type']).toBe('application/json');
		expect(Number(req.headers['content-length'])).toBe(req.body.length);
		const dataUrl = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;
		expect(req.json).toMatchObject({
			images: [IMAGE_1, IMAGE_2, IMAGE_3].map((bytes) => ({ image_url: dataUrl(bytes) })),
			mask: { image_url: dataUrl(MASK) },
		});
		const [edit] = openai.edits;
		expect(edit.images.map((image) => image.bytes)).toEqual([IMAGE_1, IMAGE_2, IMAGE_3]);
		expect(edit.mask?.bytes).toEqual(MASK);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[0].json).toMatchObject({
			fileName: 'scene-variation.png',
			inputImages: [{ binaryField: 'data' }, { binaryField: 'data_1' }, { binaryField: 'data_2' }],
			mask: { binaryField: 'mask' },
		});
	});

	it('multipart form: image[] parts in order and a mask part, streamed with a Content-Length', async () => {
		const result = await runEntry('openAiEdits', {
			server: openai,
			items: [threeImagesAndMask()],
			parameters: { ...fromFields, ...binaryMask, options: { uploadAs: 'multipart' } },
		});
		expect(result.error).toBeUndefined();
		const [req] = openai.requestsTo(EDITS);
		expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(Number(req.headers['content-length'])).toBe(req.body.length);
		const [edit] = openai.edits;
		expect(edit.form).toBe('multipart');
		expect(edit.images.map((image) => [image.name, image.type])).toEqual([
			['scene.png', 'image/png'],
			['product.png', 'image/png'],
			['logo.png', 'image/png'],
		]);
		expect(edit.images.map((image) => image.bytes)).toEqual([IMAGE_1, IMAGE_2, IMAGE_3]);
		expect(edit.mask).toMatchObject({ name: 'mask.png', type: 'image/png' });
		expect(edit.mask?.bytes).toEqual(MASK);
		expect(edit).toMatchObject({ prompt: expect.any(String), model: 'gpt-image-1.5', n: 1 });
	});

	it('All Binary Fields takes every binary field in order, leaving out the mask’s', async () => {
		const result = await runEntry('openAiEdits', {
			server: openai,
			items: [threeImagesAndMask()],
			parameters: { inputSource: 'allBinary', ...binaryMask },
		});
		expect(result.error).toBeUndefined();
		expect(openai.edits[0].images.map((image) => image.bytes)).toEqual([IMAGE_1, IMAGE_2, IMAGE_3]);
		expect(openai.edits[0].mask?.bytes).toEqual(MASK);
	});

	it('an agent’s list of URLs (an array) goes as image_url entries, and the answer lists them', async () => {
		openai.assets.set('a.png', { body: IMAGE_1, contentType: 'image/png' });
		openai.assets.set('b.png', { body: IMAGE_2, contentType: 'image/png' });
		const urls = [`${openai.baseUrl}/assets/a.png`, `${openai.baseUrl}/assets/b.png`];
		const result = await runEntry('openAiEdits', {
			server: openai,
			parameters: { inputSource: 'url', imageUrl: `={{ ${JSON.stringify(urls)} }}` },
		});
		expect(result.error).toBeUndefined();
		expect((openai.requestsTo(EDITS)[0].json as { images: unknown }).images).toEqual(
			urls.map((url) => ({ image_url: url })),
		);
		expect(result.items[0].json.inputImages).toEqual(urls.map((url) => ({ url })));
	});

	it('mixed sources: binary, URL and base64, in the order given', async () => {
		openai.assets.set('b.png', { body: IMAGE_2, contentType: 'image/png' });
		const result = await runEntry('openAiEdits', {
			server: openai,
			parameters: {
				...additional(
					{ source: 'url', imageUrl: `${openai.baseUrl}/assets/b.png` },
					{ source: 'base64', imageBase64: IMAGE_3.toString('base64') },
				),
				options: { uploadAs: 'multipart' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(openai.edits[0].images.map((image) => image.bytes)).toEqual([
			fixtures.squarePng,
			IMAGE_2,
			IMAGE_3,
		]);
	});

	it('with a mask, a first image given by URL is downloaded to be measured, and sent as data', async () => {
		openai.assets.set('scene.png', { body: IMAGE_1, contentType: 'image/png' });
		const url = `${openai.baseUrl}/assets/scene.png`;
		const result = await runEntry('openAiEdits', {
			server: openai,
			items: [threeImagesAndMask()],
			parameters: { inputSource: 'url', imageUrl: url, ...binaryMask },
		});
		expect(result.error).toBeUndefined();
		const [edit] = openai.edits;
		expect(edit.images.map((image) => image.via)).toEqual(['data-url']);
		expect(edit.images[0].bytes).toEqual(IMAGE_1);
		expect(openai.requestsTo('/assets/scene.png')).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			inputImages: [{ url }],
			mask: { binaryField: 'mask' },
		});
	});

	it('a mask checked against a first image given by URL: another size is refused before the upload', async () => {
		openai.assets.set('wide.png', { body: fixtures.widePng, contentType: 'image/png' });
		const result = await runEntry('openAiEdits', {
			server: openai,
			items: [threeImagesAndMask()],
			parameters: {
				inputSource: 'url',
				imageUrl: `${openai.baseUrl}/assets/wide.png`,
				...binaryMask,
			},
		});
		expect(result.error?.message).toBe(
			'Item 0: the mask (binary field "mask") is 64×64 but the first image is 120×80: OpenAI image edits needs them the same size',
		);
		expect(openai.requestsTo(EDITS)).toHaveLength(0);
	});

	// Each refused before any request, with its message and fix.
	it.each([
		[
			'a mask of another size than the first image',
			{ ...binaryMask },
			maskPng(32, 32),
			'Item 0: the mask (binary field "mask") is 32×32 but the first image is 64×64: OpenAI image edits needs them the same size',
			'Resize the mask to 64×64 first',
		],
		[
			'a mask of the first image’s width but another height',
			{ ...binaryMask },
			maskPng(64, 48),
			'Item 0: the mask (binary field "mask") is 64×48 but the first image is 64×64: OpenAI image edits needs them the same size',
			'Resize the mask to 64×64 first',
		],
		[
			'a mask without transparency',
			{ ...binaryMask },
			makePng(64, 64),
			'Item 0: the mask (binary field "mask") has no transparency: it is a PNG without an alpha channel',
			'save it as a PNG with an alpha channel',
		],
		[
			'a mask that is not a PNG',
			{ ...binaryMask },
			fixtures.photoJpeg,
			'Item 0: the mask (binary field "mask") is a JPEG; OpenAI image edits (for a mask) accepts only PNG',
			'Convert it to PNG',
		],
		[
			'a mask of 4 MB',
			{ ...binaryMask },
			maskPng(64, 64, 4 * 1024 * 1024),
			'Item 0: the mask (binary field "mask") is 64×64 PNG of 4.0 MB; OpenAI image edits (for a mask) accepts less than 4.0 MB',
			'Make the file smaller',
		],
		[
			'a missing binary field among several',
			additional({ source: 'binary', binaryPropertyName: 'data_9' }),
			MASK,
			'Item 0: has no binary field "data_9" for image 2',
			'Its binary fields are: data, data_1, data_2, mask. Set the binary field for image 2 to one of them.',
		],
		[
			'an empty Additional Images entry',
			additional(
				{ source: 'binary', binaryPropertyName: 'data_1' },
				{ source: 'url', imageUrl: '' },
			),
			MASK,
			'Item 0: Additional Images › entry 2: Image URL is empty',
			'Fill in Image URL of that entry, or remove the entry.',
		],
	])('refuses %s before any request', async (_name, parameters, mask, message, fix) => {
		const result = await runEntry('openAiEdits', {
			server: openai,
			items: [threeImagesAndMask(mask)],
			parameters,
		});
		expect(result.error?.message).toBe(message);
		expect(description(result)).toContain(fix);
		expect(openai.requestsTo(EDITS)).toHaveLength(0);
	});

	it('refuses a format the API does not take, naming the image by position and field', async () => {
		const result = await runEntry('openAiEdits', {
			server: openai,
			items: [
				{
					binary: {
						data: png(IMAGE_1, 'a.png'),
						data_1: { data: fixtures.gif, fileName: 'b.gif', mimeType: 'image/gif' },
					},
				},
			],
			parameters: { inputSource: 'allBinary' },
		});
		expect(result.error?.message).toBe(
			'Item 0: image 2 (binary field "data_1") is a GIF; OpenAI image edits accepts only PNG, JPEG or WEBP',
		);
		expect(openai.requestsTo(EDITS)).toHaveLength(0);
	});

	it('refuses more images than the API takes, listing them', async () => {
		const binary = Object.fromEntries(
			Array.from({ length: 17 }, (_, i) => [i ? `data_${i}` : 'data', png(IMAGE_1, `${i}.png`)]),
		);
		const result = await runEntry('openAiEdits', {
			server: openai,
			items: [{ binary }],
			parameters: { inputSource: 'allBinary' },
		});
		expect(result.error?.message).toMatch(
			/^Item 0: gpt-image-1\.5 takes at most 16 images; this item has 17 \(1\. binary field "data"; 2\. binary field "data_1"; .*17\. binary field "data_16"\)$/,
		);
		expect(description(result)).toContain('Remove 1 of them');
		expect(openai.requestsTo(EDITS)).toHaveLength(0);
	});

	it('one URL of several failing to download fails the item naming it; nothing is uploaded', async () => {
		openai.assets.set('a.png', { body: IMAGE_1, contentType: 'image/png' });
		const missing = `${openai.baseUrl}/assets/missing.png`;
		const result = await runEntry('openAiEdits', {
			server: openai,
			parameters: {
				inputSource: 'url',
				imageUrl: `${openai.baseUrl}/assets/a.png\n${missing}`,
				options: { uploadAs: 'multipart' },
			},
		});
		expect(result.error?.message).toMatch(/^Image URL download for image 2 returned HTTP 404/);
		expect(`${result.error?.message} ${description(result)}`).toContain('missing.png');
		expect(openai.requestsTo(EDITS)).toHaveLength(0);
	});

	it('a 400 about image 3 from the API is reported as such, with no key in it', async () => {
		// In the JSON form a URL is passed on: the API, not the node, finds image 3 is a GIF.
		openai.assets.set('c.gif', { body: fixtures.gif, contentType: 'image/gif' });
		const result = await runEntry('openAiEdits', {
			server: openai,
			items: [threeImagesAndMask()],
			parameters: additional(
				{ source: 'binary', binaryPropertyName: 'data_1' },
				{ source: 'url', imageUrl: `${openai.baseUrl}/assets/c.gif` },
			),
		});
		expect(result.error?.message).toContain(
			'Invalid image file or mode for image 3, please check your image file.',
		);
		expectNoSecrets(serialise(result.items, result.error, result.run));
	});
});

describe('Novita models: several images', () => {
	const reimagine = async (
		engine: string,
		parameters: Record<string, unknown>,
		items?: InputItem[],
	) =>
		await runEntry('novitaReimagineQwen', {
			server: novita,
			...(items ? { items } : {}),
			parameters: { engine, ...parameters },
		});

	it('FLUX.1 Kontext Pro: four images from binary, URL and base64, in order', async () => {
		novita.assets.set('b.png', { body: IMAGE_2, contentType: 'image/png' });
		const url = `${novita.baseUrl}/assets/b.png`;
		const result = await reimagine(
			'fluxKontextPro',
			additional(
				{ source: 'url', imageUrl: url },
				{ source: 'base64', imageBase64: IMAGE_3.toString('base64') },
				{ source: 'binary', binaryPropertyName: 'data_1' },
			),
			[{ binary: { data: png(IMAGE_1, 'a.png'), data_1: png(MASK, 'd.png') } }],
		);
		expect(result.error).toBeUndefined();
		const [submit] = novita.requestsTo(`POST ${KONTEXT_PATHS.pro}`);
		expect((submit.json as { images: string[] }).images).toEqual([
			IMAGE_1.toString('base64'),
			url,
			IMAGE_3.toString('base64'),
			MASK.toString('base64'),
		]);
		const [task] = novita.tasks.values();
		expect(task.inputs.map((input) => [input.sentAs, input.bytes])).toEqual([
			['base64', IMAGE_1],
			['url', IMAGE_2],
			['base64', IMAGE_3],
			['base64', MASK],
		]);
		expect(result.items[0].json.inputImages).toEqual([
			{ binaryField: 'data' },
			{ url },
			{ base64: true },
			{ binaryField: 'data_1' },
		]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('FLUX.1 Kontext takes at most 4: a fifth is refused before any request', async () => {
		const binary = Object.fromEntries(
			['data', 'b', 'c', 'd', 'e'].map((field) => [field, png(IMAGE_1, `${field}.png`)]),
		);
		const result = await reimagine('fluxKontextMax', { inputSource: 'allBinary' }, [{ binary }]);
		expect(result.error?.message).toBe(
			'Item 0: FLUX.1 Kontext Max takes at most 4 images; this item has 5 (1. binary field "data"; 2. binary field "b"; 3. binary field "c"; 4. binary field "d"; 5. binary field "e")',
		);
		expect(novita.requests).toHaveLength(0);
	});

	it('Seedream 4.5: several images from mixed sources as its image list', async () => {
		novita.assets.set('b.jpg', { body: fixtures.photoJpeg, contentType: 'image/jpeg' });
		const url = `${novita.baseUrl}/assets/b.jpg`;
		const result = await reimagine(
			'seedream45',
			additional(
				{ source: 'url', imageUrl: url },
				{
					source: 'base64',
					imageBase64: `data:image/gif;base64,${fixtures.gif.toString('base64')}`,
				},
			),
		);
		expect(result.error).toBeUndefined();
		expect(novita.requestsTo(`POST ${SEEDREAM_PATH}`)[0].json).toMatchObject({
			image: [fixtures.squarePng.toString('base64'), url, fixtures.gif.toString('base64')],
		});
	});

	it('Seedream 4.5: input images and Max Images in Set make at most 15', async () => {
		const result = await reimagine('seedream45', {
			...additional({ source: 'base64', imageBase64: IMAGE_2.toString('base64') }),
			modelOptions: { seedreamImageSet: true, seedreamMaxImages: 14 },
		});
		expect(result.error?.message).toBe(
			'Item 0: Max Images in Set is 14 and the item has 2 input images; Seedream 4.5 takes at most 15 in all',
		);
		expect(description(result)).toBe(
			'Set Max Images in Set to at most 13, or send fewer input images.',
		);
		expect(novita.requests).toHaveLength(0);
	});

	it('Qwen Image Edit takes one image: All Binary Fields with two is refused', async () => {
		const result = await reimagine('qwen', { inputSource: 'allBinary' }, [
			{ binary: { data: png(IMAGE_1, 'a.png'), data_1: png(IMAGE_2, 'b.png') } },
		]);
		expect(result.error?.message).toBe(
			'Item 0: Qwen Image Edit takes one image; this item has 2 (1. binary field "data"; 2. binary field "data_1")',
		);
		expect(novita.requestsTo(`POST ${QWEN_PATH}`)).toHaveLength(0);
	});

	it('a model that takes one image ignores an Additional Images list kept from another engine', async () => {
		const result = await reimagine(
			'qwen',
			additional({ source: 'base64', imageBase64: IMAGE_2.toString('base64') }),
		);
		expect(result.error).toBeUndefined();
		expect(novita.requestsTo(`POST ${QWEN_PATH}`)[0].json).toMatchObject({
			image: fixtures.squarePng.toString('base64'),
		});
		expect(result.items[0].json.inputImages).toBeUndefined();
	});

	it('a 400 about image 3 from Novita is reported as such', async () => {
		novita.models = { ...novita.models, accepts: 'base64' };
		novita.assets.set('c.png', { body: IMAGE_3, contentType: 'image/png' });
		const result = await reimagine(
			'fluxKontextDev',
			additional(
				{ source: 'base64', imageBase64: IMAGE_2.toString('base64') },
				{ source: 'url', imageUrl: `${novita.baseUrl}/assets/c.png` },
			),
		);
		expect(result.error?.message).toContain('images[2]: image must be base64 encoded');
		expectNoSecrets(serialise(result.items, result.error, result.run));
	});
});
