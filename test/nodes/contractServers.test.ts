import axios from 'axios';

import { fixtures, makePng, maskPng } from '../fixtures/images';
import { generatedImage, serverImageInfo } from '../servers/imageData';
import { startServer } from '../helpers';
import { FreepikServer, TASK_PATH } from '../servers/freepikServer';
import { NovitaServer } from '../servers/novitaServer';
import { OpenAiServer } from '../servers/openAiServer';

// The servers must reject what the real APIs reject, or the node tests prove nothing.
const novita = startServer(new NovitaServer());
const freepik = startServer(new FreepikServer());
const openai = startServer(new OpenAiServer(), '/v1');
const http = axios.create({ validateStatus: () => true });
const b64 = fixtures.squarePng.toString('base64');

describe('Novita contract server', () => {
	const post = (
		body: unknown,
		headers: Record<string, string> = { authorization: `Bearer ${novita.apiKey}` },
	) => http.post(`${novita.baseUrl}/v3/replace-background`, body, { headers });

	it('accepts a documented request and answers with a real image', async () => {
		const res = await post({
			prompt: 'in a warehouse',
			image_file: b64,
			extra: { response_image_type: 'webp' },
		});
		expect(res.status).toBe(200);
		expect(res.data.image_type).toBe('webp');
		expect(Buffer.from(res.data.image_file, 'base64').subarray(8, 12).toString()).toBe('WEBP');
	});

	it.each([
		[{}, 400, 'MISSING_API_KEY'],
		[{ authorization: 'Bearer wrong' }, 403, 'INVALID_API_KEY'],
		[{ authorization: 'Token x' }, 403, 'INVALID_API_KEY'],
	])('rejects auth %j', async (headers, status, reason) => {
		const res = await post({ prompt: 'x', image_file: b64 }, headers as Record<string, string>);
		expect([res.status, res.data.reason]).toEqual([status, reason]);
	});

	it.each([
		[{ image_file: b64 }, 'prompt is required'],
		[{ prompt: 'x' }, 'image_file is required'],
		[{ prompt: 'x', image_file: `data:image/png;base64,${b64}` }, 'not valid base64'],
		[
			{ prompt: 'x', image_file: b64, extra: { response_image_type: 'gif' } },
			'response_image_type',
		],
		[{ prompt: 'x', image_file: b64, seed: 1 }, 'unknown field'],
	])('rejects invalid body %#', async (body, message) => {
		const res = await post(body);
		expect(res.status).toBe(400);
		expect(res.data).toMatchObject({ code: 400, reason: 'INVALID_REQUEST_BODY' });
		expect(res.data.message).toContain(message);
	});

	it('answers unknown and retired paths with API_NOT_FOUND', async () => {
		novita.retired.add('/v3/reimagine');
		const res = await http.post(
			`${novita.baseUrl}/v3/reimagine`,
			{ image_file: b64 },
			{ headers: { authorization: `Bearer ${novita.apiKey}` } },
		);
		expect([res.status, res.data.reason]).toEqual([404, 'API_NOT_FOUND']);
	});
});

describe('Freepik contract server', () => {
	const post = (
		body: unknown,
		headers: Record<string, string> = { 'x-freepik-api-key': freepik.apiKey },
	) => http.post(`${freepik.baseUrl}${TASK_PATH}`, body, { headers });

	it('checks the key header name and value', async () => {
		expect((await post({ image: b64 }, {})).data).toEqual({ message: 'Missing API key' });
		expect((await post({ image: b64 }, { 'x-freepik-api-key': 'nope' })).data).toEqual({
			message: 'Invalid API key',
		});
		expect((await post({ image: b64 }, { 'x-magnific-api-key': freepik.apiKey })).status).toBe(401);
	});

	it('validates enums, base64 and required fields in both error shapes', async () => {
		expect((await post({})).data).toEqual({ message: "Parameter 'image' is required" });
		const res = await post({
			image: 'not base64!',
			imagination: 'crazy',
			aspect_ratio: 'square',
			webhook_url: 'ftp://x',
		});
		expect(res.status).toBe(400);
		expect(res.headers['content-type']).toContain('application/problem+json');
		expect(res.data.invalid_params.map((p: { name: string }) => p.name)).toEqual([
			'image',
			'imagination',
			'aspect_ratio',
			'webhook_url',
		]);
	});

	it('runs an async task through polling to COMPLETED with downloadable images', async () => {
		freepik.behaviour = {
			...freepik.behaviour,
			initialStatus: 'IN_PROGRESS',
			completeAfterPolls: 2,
		};
		const created = await post({ image: b64 });
		expect(created.data.data.status).toBe('IN_PROGRESS');
		const url = `${freepik.baseUrl}${TASK_PATH}/${created.data.data.task_id}`;
		const headers = { 'x-freepik-api-key': freepik.apiKey };
		expect((await http.get(url, { headers })).data.data.status).toBe('IN_PROGRESS');
		const done = await http.get(url, { headers });
		expect(done.data.data.status).toBe('COMPLETED');
		const file = await http.get(done.data.data.generated[0], { responseType: 'arraybuffer' });
		expect(file.headers['content-type']).toBe('image/png');
	});

	it('serves queued faults by exact route first, then by the longest prefix pattern, then "*"', async () => {
		freepik.behaviour = { ...freepik.behaviour, initialStatus: 'IN_PROGRESS' };
		const created = await post({ image: b64 });
		const url = `${freepik.baseUrl}${TASK_PATH}/${created.data.data.task_id}`;
		const headers = { 'x-freepik-api-key': freepik.apiKey };
		freepik
			.fail('*', { kind: 'status', status: 500 })
			.fail('GET /v1/*', { kind: 'status', status: 502 })
			.fail(`GET ${TASK_PATH}/*`, { kind: 'status', status: 503 })
			.fail(`GET ${TASK_PATH}/${created.data.data.task_id}`, { kind: 'status', status: 504 });
		const statuses = [];
		for (let i = 0; i < 5; i++) statuses.push((await http.get(url, { headers })).status);
		expect(statuses).toEqual([504, 503, 502, 500, 200]);
	});
});

describe('OpenAI contract server', () => {
	const post = (fields: Record<string, string | Blob>, key = openai.apiKey) => {
		const form = new FormData();
		for (const [name, value] of Object.entries(fields)) form.append(name, value);
		return http.post(`${openai.baseUrl}/images/variations`, form, {
			headers: { authorization: `Bearer ${key}` },
		});
	};
	const image = () => new Blob([fixtures.squarePng], { type: 'image/png' });

	it('rejects a wrong key with a masked key in the message and an x-request-id', async () => {
		const res = await post({ image: image() }, 'sk-wrong-key-1234');
		expect(res.status).toBe(401);
		expect(res.data.error).toMatchObject({
			code: 'invalid_api_key',
			type: 'invalid_request_error',
		});
		expect(res.data.error.message).not.toContain('sk-wrong-key-1234');
		expect(res.headers['x-request-id']).toMatch(/^req_/);
	});

	it.each([
		[{}, "Missing required parameter: 'image'."],
		[{ n: '11' }, "11 is greater than the maximum of 10 - 'n'"],
		[{ n: '0' }, "0 is less than the minimum of 1 - 'n'"],
		[{ size: '100x100' }, "'100x100' is not one of"],
		[{ response_format: 'png' }, "'png' is not one of ['url', 'b64_json']"],
		[{ quality: 'hd' }, 'Unrecognized request argument supplied: quality'],
	])('rejects invalid fields %#', async (fields, message) => {
		const res = await post({
			...(Object.keys(fields).length ? { image: image() } : {}),
			...fields,
		});
		expect(res.status).toBe(400);
		expect(res.data.error.message).toContain(message);
	});

	it('rejects non-PNG and non-square images with OpenAI’s messages', async () => {
		const jpeg = await post({ image: new Blob([fixtures.photoJpeg], { type: 'image/jpeg' }) });
		expect(jpeg.data.error.message).toBe('Uploaded image must be a PNG and less than 4 MB.');
		const wide = await post({ image: new Blob([fixtures.widePng], { type: 'image/png' }) });
		expect(wide.data.error.message).toBe(
			'Invalid input image - expected an image with equal width and height, got 120x80 instead.',
		);
	});

	it('answers an unknown model with model_not_found', async () => {
		const res = await post({ image: image(), model: 'gpt-image-1' });
		expect([res.status, res.data.error.code]).toEqual([404, 'model_not_found']);
	});
});

// Written from the vendors' documents, never from the node's declarations: each limit is seen
// refused here by a request the node could never make.
describe('the contract servers enforce the image counts and the mask on their own', () => {
	const dataUrl = (bytes: Buffer) => ({
		image_url: `data:image/png;base64,${bytes.toString('base64')}`,
	});
	const edit = (body: Record<string, unknown>) =>
		http.post(
			`${openai.baseUrl}/images/edits`,
			{ prompt: 'p', model: 'gpt-image-1.5', ...body },
			{ headers: { authorization: `Bearer ${openai.apiKey}` } },
		);

	it('OpenAI edits: 16 images are taken, 17 refused', async () => {
		const images = (count: number) =>
			Array.from({ length: count }, () => dataUrl(fixtures.squarePng));
		expect((await edit({ images: images(16) })).status).toBe(200);
		const refused = await edit({ images: images(17) });
		expect([refused.status, refused.data.error.code]).toEqual([400, 'array_above_max_length']);
	});

	it.each([
		['an RGBA PNG of the first image’s size', maskPng(64, 64), 200, undefined],
		['a PNG without alpha', makePng(64, 64), 400, 'must have an alpha channel'],
		['a mask of another size', maskPng(32, 32), 400, 'mask size does not match image size'],
		['a JPEG', fixtures.photoJpeg, 400, 'mask must be a PNG file'],
		['a mask of 4 MB', maskPng(64, 64, 4 * 1024 * 1024), 400, 'Masks must be less than 4 MB'],
	])('OpenAI edits, JSON mask: %s', async (_name, mask, status, message) => {
		const res = await edit({ images: [dataUrl(fixtures.squarePng)], mask: dataUrl(mask) });
		expect(res.status).toBe(status);
		if (message) expect(res.data.error.message).toContain(message);
	});

	it('OpenAI edits, multipart: the mask part is checked against the first image[] part', async () => {
		const form = new FormData();
		form.append('image[]', new Blob([fixtures.squarePng], { type: 'image/png' }), 'a.png');
		form.append('image[]', new Blob([fixtures.widePng], { type: 'image/png' }), 'b.png');
		form.append(
			'mask',
			new Blob([new Uint8Array(maskPng(120, 80))], { type: 'image/png' }),
			'mask.png',
		);
		form.append('prompt', 'p');
		const res = await http.post(`${openai.baseUrl}/images/edits`, form, {
			headers: { authorization: `Bearer ${openai.apiKey}` },
		});
		expect(res.data.error.message).toContain('mask size does not match image size');
	});

	it.each([
		['/v3/async/flux-1-kontext-pro', 'images', 4],
		['/v3/seedream-4.5', 'image', 14],
	])('Novita %s: %s takes at most %d', async (path, field, max) => {
		const post = (count: number) =>
			http.post(
				`${novita.baseUrl}${path}`,
				{ prompt: 'p', [field]: Array.from({ length: count }, () => b64) },
				{ headers: { authorization: `Bearer ${novita.apiKey}` } },
			);
		expect((await post(max)).status).toBe(200);
		const refused = await post(max + 1);
		expect([refused.status, refused.data.message]).toEqual([
			400,
			`${field} must be an array of 1 to ${max} images`,
		]);
	});

	it('Novita names the image of a list it refuses', async () => {
		const res = await http.post(
			`${novita.baseUrl}/v3/async/flux-1-kontext-pro`,
			{ prompt: 'p', images: [b64, b64, fixtures.gif.toString('base64')] },
			{ headers: { authorization: `Bearer ${novita.apiKey}` } },
		);
		expect([res.status, res.data.message]).toEqual([400, 'images[2]: invalid image format']);
	});

	it('Novita Qwen Image Edit takes one image as a string, not a list', async () => {
		const res = await http.post(
			`${novita.baseUrl}/v3/async/qwen-image-edit`,
			{ prompt: 'p', image: [b64, b64] },
			{ headers: { authorization: `Bearer ${novita.apiKey}` } },
		);
		expect(res.status).toBe(400);
	});
});

describe('the images the contract servers answer', () => {
	it('a WEBP of the size asked for, read as such by an independent decoder (image-size)', () => {
		const webp = generatedImage('webp', 2048, 1152, 3);
		expect(serverImageInfo(webp)).toEqual({ format: 'webp', width: 2048, height: 1152 });
		// One colour at any size: the pixel data takes no bytes.
		expect(webp.length).toBeLessThan(64);
		expect(serverImageInfo(generatedImage('webp', 1, 1))).toEqual({
			format: 'webp',
			width: 1,
			height: 1,
		});
	});

	// Decoded by Chromium too when written (2048 × 1152 grey 200, 13 × 7 grey 30: every pixel as
	// asked); here the independent header reader and the scan's length, which grows by three bits a
	// block.
	it.each([
		[2048, 1152],
		[13, 7],
		[1, 1],
	])('a JPEG of %d × %d, the size asked for', (width, height) => {
		const jpeg = generatedImage('jpeg', width, height, 2);
		expect(serverImageInfo(jpeg)).toEqual({ format: 'jpeg', width, height });
		expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
		expect(jpeg.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
		const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
		expect(jpeg.length).toBeLessThan(200 + (3 * blocks) / 8 + blocks / 64);
	});
});
