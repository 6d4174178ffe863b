import { sniffImage } from '../../nodes/shared/image/sniff';
import { fixtures, makePng } from '../fixtures/images';
import type { InputItem } from '../harness/engine';
import { runEntry } from '../harness/runEntry';
import { SECRET_KEYS, serialise, startServer } from '../helpers';
import { INSUFFICIENT_QUOTA, OpenAiServer } from '../servers/openAiServer';

const server = startServer(new OpenAiServer(), '/v1');
const route = 'POST /images/variations';
beforeAll(() => {
	server.apiKey = SECRET_KEYS.openai;
});

const png = (data: Buffer = fixtures.squarePng, fileName = 'in.png'): InputItem => ({
	binary: { data: { data, fileName, mimeType: 'image/png' } },
});

describe('OpenAI Image Variation', () => {
	it('sends a multipart body the server parses field by field', async () => {
		const result = await runEntry('openAiVariations', {
			server,
			typeVersion: 1,
			parameters: { n: 2, size: '512x512', responseFormat: 'b64_json', user: 'user-1234' },
			credential: { organizationId: 'org-42' },
		});
		expect(result.error).toBeUndefined();
		const [req] = server.requestsTo(route);
		expect(req.headers.authorization).toBe(`Bearer ${SECRET_KEYS.openai}`);
		expect(req.headers['openai-organization']).toBe('org-42');
		expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const form = req.form!;
		const image = form.get('image') as File;
		expect(image.name).toBe('in.png');
		expect(image.type).toBe('image/png');
		expect(Buffer.from(await image.arrayBuffer()).equals(fixtures.squarePng)).toBe(true);
		expect(Object.fromEntries([...form.entries()].filter(([k]) => k !== 'image'))).toEqual({
			model: 'dall-e-2',
			n: '2',
			size: '512x512',
			response_format: 'b64_json',
			user: 'user-1234',
		});
		expect(result.items).toHaveLength(2);
		for (const [index, item] of result.items.entries()) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({
				index,
				model: 'dall-e-2',
				size: '512x512',
				width: 512,
				height: 512,
				mimeType: 'image/png',
			});
			expect(item.json.requestId).toMatch(/^req_/);
			expect(item.json.created).toEqual(expect.any(Number));
			expect(sniffImage(await result.readBinary(item))).toMatchObject({
				format: 'png',
				width: 512,
			});
		}
		expect(result.items.map((i) => i.binary?.data.fileName)).toEqual([
			'in-variation-1.png',
			'in-variation-2.png',
		]);
	});

	it('downloads url results into binary and keeps the URL', async () => {
		server.revisedPrompt = 'a refined logo';
		const result = await runEntry('openAiVariations', {
			server,
			typeVersion: 1,
			parameters: { responseFormat: 'url', n: 3 },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(server.requestsTo('/files/')).toHaveLength(3);
		for (const item of result.items) {
			expect(item.json.url).toMatch(/\/files\/.*\.png/);
			expect(item.json.revised_prompt).toBe('a refined logo');
			expect(item.binary?.data.mimeType).toBe('image/png');
		}
	});

	it('returns only URLs when Download URL Results is off', async () => {
		const result = await runEntry('openAiVariations', {
			server,
			typeVersion: 1,
			parameters: { responseFormat: 'url', options: { downloadUrlResults: false } },
		});
		expect(result.items[0].binary).toBeUndefined();
		expect(result.items[0].json.url).toContain('/files/');
		expect(server.requestsTo('/files/')).toHaveLength(0);
	});

	it('works against a gateway with its own base URL and model name', async () => {
		server.servedModels = new Set(['openai/dall-e-2']);
		const result = await runEntry('openAiVariations', {
			server,
			typeVersion: 1,
			parameters: { model: 'openai/dall-e-2' },
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(route)[0].form?.get('model')).toBe('openai/dall-e-2');
	});

	it('explains model_not_found as the model being gone from the host, without retrying', async () => {
		server.servedModels = new Set();
		const result = await runEntry('openAiVariations', { server, typeVersion: 1 });
		expect(result.error?.message).toBe(
			'OpenAI-compatible API returned HTTP 404: The model `dall-e-2` does not exist or you do not have access to it. [model_not_found]',
		);
		const description = (result.error as { description?: string }).description ?? '';
		expect(description).toMatch(/removed dall-e-2.*Base URL.*Model parameter/);
		expect(description).toMatch(/Request ID: req_/);
		expect(server.requestsTo(route)).toHaveLength(1);
	});

	it.each([
		[fixtures.photoJpeg, /is a JPEG; OpenAI image variations accepts only PNG/],
		[fixtures.widePng, /is 120×80 pixels; OpenAI image variations needs a square image/],
		[makePng(64, 64, 1, 4 * 1024 * 1024), /accepts less than 4\.0 MB/],
	])('rejects bad inputs before uploading (%#)', async (bytes, message) => {
		const result = await runEntry('openAiVariations', {
			server,
			typeVersion: 1,
			items: [png(bytes)],
		});
		expect(result.error?.message).toMatch(message);
		expect(server.requests).toHaveLength(0);
	});

	it.each([
		[{ n: '={{ 0 }}' }, /Number of Images must be a whole number from 1 to 10, but is 0/],
		[{ n: '={{ 11 }}' }, /but is 11/],
		[{ size: '={{ "2048x2048" }}' }, /Size must be one of 256x256, 512x512, 1024x1024/],
		[
			{ responseFormat: '={{ "png" }}' },
			/Response Format must be one of b64_json, url, but is "png"/,
		],
		[{ user: '={{ { id: 1 } }}' }, /User must be text, but the value is an object/],
	])('rejects invalid parameters before uploading (%#)', async (parameters, message) => {
		const result = await runEntry('openAiVariations', {
			server,
			typeVersion: 1,
			parameters: parameters,
		});
		expect(result.error?.message).toMatch(message);
		expect(server.requests).toHaveLength(0);
	});

	it('retries rate_limit_exceeded but never insufficient_quota', async () => {
		server.fail(route, {
			kind: 'status',
			status: 429,
			body: {
				error: {
					message: 'Rate limit reached',
					type: 'requests',
					param: null,
					code: 'rate_limit_exceeded',
				},
			},
		});
		const limited = await runEntry('openAiVariations', { server, typeVersion: 1 });
		expect(limited.error).toBeUndefined();
		expect(server.requestsTo(route)).toHaveLength(2);
		server.reset();
		server.fail(route, INSUFFICIENT_QUOTA);
		const quota = await runEntry('openAiVariations', { server, typeVersion: 1 });
		expect(quota.error?.message).toContain('[insufficient_quota]');
		expect((quota.error as { description?: string }).description).toMatch(/no quota left/);
		expect(server.requestsTo(route)).toHaveLength(1);
	});

	it('retries 5xx, and reports 400 and 401 with OpenAI’s own message', async () => {
		server.fail(route, {
			kind: 'status',
			status: 500,
			body: {
				error: {
					message: 'The server had an error',
					type: 'server_error',
					param: null,
					code: null,
				},
			},
		});
		const retried = await runEntry('openAiVariations', {
			server,
			typeVersion: 1,
			parameters: { options: { resendPaidRequests: true } },
		});
		expect(retried.error).toBeUndefined();
		expect(server.requestsTo(route)).toHaveLength(2);

		server.fail(route, {
			kind: 'status',
			status: 400,
			body: {
				error: {
					message: 'Uploaded image must be a PNG and less than 4 MB.',
					type: 'invalid_request_error',
					param: 'image',
					code: null,
				},
			},
			headers: { 'x-request-id': 'req_fault400' },
		});
		const rejected = await runEntry('openAiVariations', { server, typeVersion: 1 });
		expect(rejected.error?.message).toBe(
			'OpenAI-compatible API returned HTTP 400: Uploaded image must be a PNG and less than 4 MB. [invalid_request_error]',
		);
		expect((rejected.error as { description?: string }).description).toMatch(
			/Invalid parameters: image\. Request ID: req_fault400\./,
		);
		expect(server.requestsTo(route)).toHaveLength(3);

		server.apiKey = 'sk-other';
		try {
			const unauthorised = await runEntry('openAiVariations', { server, typeVersion: 1 });
			expect(unauthorised.error?.message).toMatch(
				/^OpenAI-compatible API returned HTTP 401: Incorrect API key provided: sk-\*+f\?\. .*\[invalid_api_key\]$/,
			);
			expect(serialise(unauthorised.items, unauthorised.error)).not.toContain(SECRET_KEYS.openai);
		} finally {
			server.apiKey = SECRET_KEYS.openai;
		}
	});

	it('continueOnFail: one bad item becomes an error item, the rest succeed', async () => {
		const result = await runEntry('openAiVariations', {
			server,
			typeVersion: 1,
			items: [png(), png(fixtures.photoJpeg), png()],
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(3);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1].json.error).toMatch(/JPEG/);
		expect(result.items[0].binary?.data && result.items[2].binary?.data).toBeTruthy();
	});

	it('fails clearly when the answer holds invalid base64', async () => {
		server.b64Override = '%%%not-base64%%%';
		const result = await runEntry('openAiVariations', { server, typeVersion: 1 });
		expect(result.error?.message).toMatch(
			/response could not be used: data\[0\]\.b64_json is not valid base64$/,
		);
	});
});

// A URL answer without its url, a generated image gone before its download (the message names the vendor), a created field that is
// not a number, and a Model expression resolving to nothing.
describe('OpenAI Image Variation, Variations API: answers and Model, exactly', () => {
	const answer = (body: unknown) =>
		server.fail(route, { kind: 'status', status: 200, body: { created: 1, ...(body as object) } });

	it('a URL answer without url', async () => {
		answer({ data: [{}] });
		const result = await runEntry('openAiVariations', {
			server,
			typeVersion: 1,
			parameters: { responseFormat: 'url' },
		});
		expect(result.error?.message).toBe(
			'OpenAI-compatible API returned HTTP 200: the response could not be used: data[0].url is missing',
		);
	});

	it('a generated image gone before its download', async () => {
		answer({ data: [{ url: `${server.baseUrl}/files/gone.png` }] });
		const result = await runEntry('openAiVariations', {
			server,
			typeVersion: 1,
			parameters: { responseFormat: 'url' },
		});
		expect(result.error?.message).toBe(
			'1 of 1 OpenAI generated images could not be downloaded: OpenAI generated image download returned HTTP 404: Not found',
		);
	});

	// The status is the failure; a page cut off in transit only loses the rest of its text.
	it('a generated image gone, its error page cut off in transit', async () => {
		answer({ data: [{ url: `${server.baseUrl}/files/gone.png` }] });
		server.fail('GET /files/*', { kind: 'errorPageCutOff', status: 404 });
		const result = await runEntry('openAiVariations', {
			server,
			typeVersion: 1,
			parameters: { responseFormat: 'url' },
		});
		expect(result.error?.message).toBe(
			'1 of 1 OpenAI generated images could not be downloaded: OpenAI generated image download returned HTTP 404: This file has expired',
		);
		expect(server.requestsTo('/files/')).toHaveLength(1);
	});

	it('a created field that is not a number is left out of the item', async () => {
		answer({ created: '7', data: [{ b64_json: fixtures.squarePng.toString('base64') }] });
		const result = await runEntry('openAiVariations', { server, typeVersion: 1 });
		expect(result.items.map((item) => item.json)).toStrictEqual([
			{
				index: 0,
				model: 'dall-e-2',
				size: '256x256',
				fileName: 'in-variation.png',
				mimeType: 'image/png',
				fileSize: fixtures.squarePng.length,
				width: 64,
				height: 64,
			},
		]);
	});

	it('a Model expression resolving to nothing is refused before any request', async () => {
		const result = await runEntry('openAiVariations', {
			server,
			typeVersion: 1,
			parameters: { model: '={{ "" }}' },
		});
		expect(result.error?.message).toBe('Item 0: Model is empty');
		expect((result.error as { description?: string }).description).toBe(
			'Set Model, e.g. dall-e-2.',
		);
		expect(server.requestsTo(route)).toHaveLength(0);
	});
});
