import type { INodeProperties, INodeType } from 'n8n-workflow';

import { fixtures } from '../fixtures/images';
import type { InputItem } from '../harness/engine';
import { loadPackage } from '../harness/engine';
import { runEntry } from '../harness/runEntry';
import { SECRET_KEYS, startServer } from '../helpers';
import { NovitaServer, QWEN_PATH, TASK_RESULT_PATH } from '../servers/novitaServer';

// Both Novita nodes on the Qwen Image Edit engine (version 2's default): an asynchronous task,
// polled through the shared poller, its expiring result downloaded at once without the key.

const server = startServer(new NovitaServer());
const submitRoute = `POST ${QWEN_PATH}`;
const pollRoute = `GET ${TASK_RESULT_PATH}`;
beforeAll(() => {
	server.apiKey = SECRET_KEYS.novita;
});

const REIMAGINE_PROMPT =
	'Create a variation of this image: keep its subject, composition and style, and vary the details.';

const png = (data: Buffer = fixtures.squarePng, fileName = 'in.png'): InputItem => ({
	binary: { data: { data, fileName, mimeType: 'image/png' } },
});

const description = (result: { error?: unknown }) =>
	(result.error as { description?: string } | undefined)?.description ?? '';

describe('Novita nodes on Qwen Image Edit: what they send and output', () => {
	it('Reimagine: bare base64, the variation prompt, the output type; polls, then downloads without the key', async () => {
		const started = Date.now();
		const result = await runEntry('novitaReimagineQwen', { server });
		const ended = Date.now();
		expect(result.error).toBeUndefined();
		const [submit] = server.requestsTo(submitRoute);
		expect(submit.headers.authorization).toBe(`Bearer ${SECRET_KEYS.novita}`);
		expect(Number(submit.headers['content-length'])).toBe(submit.body.length);
		expect(submit.json).toEqual({
			image: fixtures.squarePng.toString('base64'),
			prompt: REIMAGINE_PROMPT,
			output_format: 'png',
		});
		const [task] = server.tasks.values();
		expect(task).toMatchObject({ imageSentAs: 'base64', prompt: REIMAGINE_PROMPT });
		// QUEUED once, then SUCCEED.
		expect(server.requestsTo(pollRoute).map((r) => r.query.get('task_id'))).toEqual([
			task.id,
			task.id,
		]);
		const [download] = server.requestsTo('/files/');
		expect(download.headers.authorization).toBeUndefined();
		expect(download.status).toBe(200);

		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			model: 'qwen-image-edit',
			task_id: task.id,
			status: 'TASK_STATUS_SUCCEED',
			index: 0,
			seed: '1234567',
			image_type: 'png',
			image_url_ttl: 3600,
			urlExpiresAt: expect.any(String),
			requestedImageType: 'png',
			url: expect.stringMatching(/\/files\/[\w-]+_0\.png\?X-Amz-Expires=3600/),
			downloadAttempts: 1,
			fileName: 'in-reimagined.png',
			mimeType: 'image/png',
			fileSize: expect.any(Number),
			width: 64,
			height: 64,
		});
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileExtension: 'png' });
		// The URL's TTL counted from the answer that gave it.
		const expiresAt = Date.parse(item.json.urlExpiresAt as string);
		expect(expiresAt).toBeGreaterThanOrEqual(started + 3600_000);
		expect(expiresAt).toBeLessThanOrEqual(ended + 3600_000);
	});

	it('version 1 nodes keep the classic endpoint, so saved workflows run as before', async () => {
		const result = await runEntry('novitaReimagine', {
			server,
			parameters: { responseImageType: 'png' },
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo('POST /v3/reimagine')).toHaveLength(1);
		expect(server.requestsTo(submitRoute)).toHaveLength(0);
	});

	it('a URL input is sent as the URL itself; the node does not download it', async () => {
		server.assets.set('cat.jpg', { body: fixtures.photoJpeg, contentType: 'image/jpeg' });
		const url = `${server.baseUrl}/assets/cat.jpg`;
		const result = await runEntry('novitaReimagineQwen', {
			server,
			parameters: { inputSource: 'url', imageUrl: url },
		});
		expect(result.error).toBeUndefined();
		expect((server.requestsTo(submitRoute)[0].json as { image: string }).image).toBe(url);
		expect(server.requestsTo('/assets/')).toHaveLength(1); // Novita's own fetch
		expect([...server.tasks.values()][0].imageSentAs).toBe('url');
		expect(result.items[0].json.fileName).toBe('cat-reimagined.png');
	});

	it('a base64 input (a data: URL here) goes as bare base64', async () => {
		const dataUrl = `data:image/webp;base64,${fixtures.lossyWebp.toString('base64')}`;
		const result = await runEntry('novitaReimagineQwen', {
			server,
			parameters: { inputSource: 'base64', imageBase64: dataUrl },
		});
		expect(result.error).toBeUndefined();
		expect((server.requestsTo(submitRoute)[0].json as { image: string }).image).toBe(
			fixtures.lossyWebp.toString('base64'),
		);
	});

	it('Replace Background: the Prompt in the template, a seed, WEBP output', async () => {
		const result = await runEntry('novitaReplaceBackgroundQwen', {
			server,
			parameters: {
				prompt: 'a beach at dawn',
				seed: 42,
				responseImageType: 'webp',
			},
		});
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(submitRoute)[0].json).toEqual({
			image: fixtures.squarePng.toString('base64'),
			prompt: 'Replace the background with: a beach at dawn. Keep the subject unchanged.',
			seed: 42,
			output_format: 'webp',
		});
		expect(result.items[0].json).toMatchObject({
			seed: '42',
			fileName: 'in-new-background.webp',
			mimeType: 'image/webp',
		});
		expect(result.items[0].binary?.data).toMatchObject({ mimeType: 'image/webp' });
	});

	it('Seed 0 is a seed like any other: sent as seed: 0', async () => {
		const result = await runEntry('novitaReimagineQwen', { server, parameters: { seed: 0 } });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(submitRoute)[0].json).toMatchObject({ seed: 0 });
	});

	it.each([
		{
			engine: 'Qwen Image Edit',
			id: 'novitaReimagineQwen',
			route: submitRoute,
			sent: (json: unknown) => (json as { output_format: string }).output_format,
		},
		{
			engine: 'the classic endpoint',
			id: 'novitaReimagine',
			route: 'POST /v3/reimagine',
			sent: (json: unknown) =>
				(json as { extra: { response_image_type: string } }).extra.response_image_type,
		},
	])(
		'Output Image Type from an expression, on $engine: each item’s own format reaches its request and output',
		async ({ id, route, sent }) => {
			const items = ['webp', 'jpeg', 'png'].map((format) => ({ ...png(), json: { format } }));
			const result = await runEntry(id, {
				server,
				parameters: { responseImageType: '={{ $json.format }}', options: { concurrency: 1 } },
				items,
			});
			expect(result.error).toBeUndefined();
			expect(server.requestsTo(route).map((r) => sent(r.json))).toEqual(['webp', 'jpeg', 'png']);
			expect(result.items.map((item) => item.binary?.data.mimeType)).toEqual([
				'image/webp',
				'image/jpeg',
				'image/png',
			]);
		},
	);

	it('Replace Background: an edited template takes the Prompt wherever {prompt} is', async () => {
		const result = await runEntry('novitaReplaceBackgroundQwen', {
			server,
			parameters: {
				prompt: 'snow',
				promptTemplate: 'Put the subject in {prompt}; lots of {prompt}.',
			},
		});
		expect(result.error).toBeUndefined();
		expect((server.requestsTo(submitRoute)[0].json as { prompt: string }).prompt).toBe(
			'Put the subject in snow; lots of snow.',
		);
	});

	it('a task that needs several polls: QUEUED, PROCESSING twice, then SUCCEED', async () => {
		server.models = { ...server.models, pendingPolls: 3 };
		const result = await runEntry('novitaReimagineQwen', { server });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(pollRoute)).toHaveLength(4);
		expect(result.items[0].json.status).toBe('TASK_STATUS_SUCCEED');
	});

	it('429 on submit and on a poll are retried', async () => {
		const limited = {
			kind: 'status' as const,
			status: 429,
			body: { code: 429, reason: 'RATE_LIMIT_EXCEEDED', message: 'rate limit exceeded' },
		};
		server.fail(submitRoute, limited).fail(pollRoute, limited);
		const result = await runEntry('novitaReimagineQwen', { server });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(submitRoute).map((r) => r.status)).toEqual([429, 200]);
		expect(server.requestsTo(pollRoute).map((r) => r.status)).toEqual([429, 200, 200]);
	});

	it('a 429 that outlasts the retries says what Novita’s reference says about its limits', async () => {
		const limited = {
			kind: 'status' as const,
			status: 429,
			body: { code: 429, reason: 'RATE_LIMIT_EXCEEDED', message: 'rate limit exceeded' },
		};
		server.fail(submitRoute, limited, limited, limited, limited, limited);
		const result = await runEntry('novitaReimagineQwen', {
			server,
			parameters: { options: { maxRetries: 1 } },
		});
		expect(result.error?.message).toBe(
			'Novita AI returned HTTP 429: rate limit exceeded [RATE_LIMIT_EXCEEDED]',
		);
		expect(description(result)).toMatch(
			/^Novita is rate limiting this account; its reference gives no figure for this endpoint, and limits are per account\. Lower the Concurrency option, or raise Max Retries to wait longer\./,
		);
		expect(server.requestsTo(submitRoute).map((r) => r.status)).toEqual([429, 429]);
	});

	/** The next poll answers Novita's error body with this status. */
	const failPolls = (status: number, reason: string, message: string) =>
		server.fail(pollRoute, { kind: 'status', status, body: { code: status, reason, message } });

	it('GET_RESULT_FAILED on a poll (Novita’s 500) is retried, and the task completes', async () => {
		failPolls(500, 'GET_RESULT_FAILED', 'failed to get task result');
		const result = await runEntry('novitaReimagineQwen', { server });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(pollRoute).map((r) => r.status)).toEqual([500, 200, 200]);
		expect(result.items[0].json.status).toBe('TASK_STATUS_SUCCEED');
	});

	it('TASK_STATUS_UNKNOWN is waited through like a pending status', async () => {
		server.models = { ...server.models, pendingPolls: 2, pendingStatus: 'TASK_STATUS_UNKNOWN' };
		const result = await runEntry('novitaReimagineQwen', { server });
		expect(result.error).toBeUndefined();
		expect(server.requestsTo(pollRoute)).toHaveLength(3);
		expect(result.items[0].json.status).toBe('TASK_STATUS_SUCCEED');
	});

	// Novita answers TASK_NOT_FOUND with a 404, which is never retried anyway; a proxy may answer it
	// with a 5xx, and it must not be retried then.
	it('TASK_NOT_FOUND on a poll is not retried, even as a 502', async () => {
		failPolls(502, 'TASK_NOT_FOUND', 'task not found');
		const result = await runEntry('novitaReimagineQwen', { server });
		expect(result.error?.message).toBe(
			'Novita AI returned HTTP 502: task not found [TASK_NOT_FOUND]',
		);
		expect(description(result)).toMatch(
			/^Novita no longer knows this task \(task results are kept for a limited time\)\. Run the node again\./,
		);
		expect(server.requestsTo(pollRoute)).toHaveLength(1);
	});

	it('several items: one task each, every output paired to its input', async () => {
		const result = await runEntry('novitaReimagineQwen', {
			server,
			items: [png(), png(fixtures.widePng, 'wide.png')],
		});
		expect(result.error).toBeUndefined();
		expect(server.tasks.size).toBe(2);
		expect(result.items.map((i) => [i.json.fileName, i.pairedItem])).toEqual([
			['in-reimagined.png', { item: 0 }],
			['wide-reimagined.png', { item: 1 }],
		]);
	});

	it('stops polling at once when the execution is cancelled', async () => {
		server.models = { ...server.models, stuck: true };
		let cancel: () => void = () => {};
		const running = runEntry('novitaReimagineQwen', {
			server,
			parameters: { options: { pollIntervalSeconds: 1, maxWaitSeconds: 30 } },
			onStart: (c) => (cancel = c),
		});
		await new Promise((resolve) => setTimeout(resolve, 300));
		cancel();
		const result = await running;
		expect(result.status).toBe('canceled');
		const polls = server.requestsTo(pollRoute).length;
		await new Promise((resolve) => setTimeout(resolve, 1200));
		expect(server.requestsTo(pollRoute)).toHaveLength(polls);
	});
});

describe('Novita nodes on Qwen Image Edit: failures explained', () => {
	it('a FAILED task, with its reason', async () => {
		server.models = { ...server.models, failReason: 'image content not supported' };
		const result = await runEntry('novitaReimagineQwen', { server });
		const [task] = server.tasks.values();
		expect(result.error?.message).toBe(
			`Novita task ${task.id} failed: image content not supported`,
		);
		expect(description(result)).toBe(
			'Novita could not edit the image. Try again, or change the image or the prompt; quote the task ID to Novita support if it keeps failing.',
		);
		expect(server.requestsTo('/files/')).toHaveLength(0);
	});

	it.each(['TASK_STATUS_PROCESSING', 'TASK_STATUS_UNKNOWN'])(
		'a task that stays %s past Max Wait fails, naming the task and where to look it up',
		async (pendingStatus) => {
			server.models = { ...server.models, stuck: true, pendingStatus };
			const result = await runEntry('novitaReimagineQwen', {
				server,
				parameters: { options: { maxWaitSeconds: 1 } },
			});
			const [task] = server.tasks.values();
			expect(result.error?.message).toBe(
				`Novita task ${task.id} did not complete within 1 s (last status ${pendingStatus})`,
			);
			expect(description(result)).toBe(
				`The task may still finish: look it up with GET ${server.baseUrl}/v3/async/task-result?task_id=${task.id}, or raise the Max Wait option.`,
			);
		},
	);

	it('an expired result URL (403): the error says so and gives the URL', async () => {
		server.models = { ...server.models, expiredResults: true };
		const result = await runEntry('novitaReimagineQwen', { server });
		expect(result.error?.message).toBe(
			'1 of 1 Novita generated images could not be downloaded: Novita generated image download returned HTTP 403: AccessDenied Request has expired',
		);
		expect(description(result)).toMatch(
			/^The file is not available at this address \(signed URLs expire after a while\)\. Check the URL or run the node again\. The images were generated; while their URLs are valid they can still be fetched: http:\/\/127\.0\.0\.1:\d+\/files\/[\w-]+_0\.png\?X-Amz-Expires=3600&X-Amz-Signature=abc\. Turn on "Continue On Fail" to keep the images that did download\.$/,
		);
	});

	it('a host that takes only URLs: the 400 says the image went as base64 and suggests URL', async () => {
		server.models = { ...server.models, accepts: 'url' };
		const result = await runEntry('novitaReimagineQwen', { server });
		expect(result.error?.message).toBe(
			'Novita AI returned HTTP 400: image must be a url [INVALID_IMAGE_FORMAT]',
		);
		expect(description(result)).toBe(
			'The image was sent as bare base64; Novita’s reference does not say whether Qwen Image Edit takes base64. Try Input Image Source "URL" (sent as the URL itself). Novita accepts PNG, JPEG and WEBP images. Convert the image first.',
		);
		expect(server.requestsTo(submitRoute)).toHaveLength(1);
	});

	it('a host that takes only base64: the 400 says the image went as a URL and suggests the others', async () => {
		server.models = { ...server.models, accepts: 'base64' };
		server.assets.set('cat.png', { body: fixtures.squarePng, contentType: 'image/png' });
		const result = await runEntry('novitaReimagineQwen', {
			server,
			parameters: {
				inputSource: 'url',
				imageUrl: `${server.baseUrl}/assets/cat.png`,
			},
		});
		expect(result.error?.message).toBe(
			'Novita AI returned HTTP 400: image must be base64 encoded [INVALID_IMAGE_FORMAT]',
		);
		expect(description(result)).toMatch(
			/^The image was sent as its URL; Novita’s reference does not say whether Qwen Image Edit fetches URLs\. Try Input Image Source "Binary File" or "Base64" \(sent as base64\)\. /,
		);
	});

	it('a host without Qwen Image Edit (404 API_NOT_FOUND) points at the Base URL and the classic engine', async () => {
		server.retired.add(QWEN_PATH);
		const result = await runEntry('novitaReplaceBackgroundQwen', {
			server,
			parameters: { prompt: 'a beach' },
		});
		expect(result.error?.message).toBe(
			'Novita AI returned HTTP 404: api not found [API_NOT_FOUND]',
		);
		expect(description(result)).toBe(
			'This host does not serve Qwen Image Edit (POST /v3/async/qwen-image-edit). Check the Base URL in the Novita AI credential (Novita’s own is https://api.novita.ai); for a dedicated endpoint or proxy that serves only the classic API, set Engine to Classic Endpoint.',
		);
		expect(server.requestsTo(submitRoute)).toHaveLength(1);
	});

	it('an answer without task_id', async () => {
		server.fail(submitRoute, { kind: 'status', status: 200, body: { id: 'x' } });
		const result = await runEntry('novitaReimagineQwen', { server });
		expect(result.error?.message).toBe(
			'Novita AI returned HTTP 200: the response could not be used: it has no task_id',
		);
	});
});

describe('Novita nodes on Qwen Image Edit: bad input fails before any request', () => {
	it.each([
		[
			'a seed below -1',
			'novitaReimagine',
			{ seed: -2 },
			'Item 0: Seed must be a whole number from -1 to 2147483647, but is -2',
			'Set Seed to -1 for a random seed, or to a whole number up to 2147483647.',
		],
		[
			'a fractional seed',
			'novitaReimagine',
			{ seed: 1.5 },
			'Item 0: Seed must be a whole number from -1 to 2147483647, but is 1.5',
			'Set Seed to -1 for a random seed, or to a whole number up to 2147483647.',
		],
		[
			'a template without {prompt}',
			'novitaReplaceBackground',
			{ prompt: 'a beach', promptTemplate: 'Replace the background.' },
			'Item 0: Prompt Template has no {prompt}, so the Prompt would not be sent',
			'Put {prompt} where the background description goes, e.g. "Replace the background with: {prompt}. Keep the subject unchanged.".',
		],
		[
			'a template of spaces',
			'novitaReimagine',
			{ promptTemplate: '   ' },
			'Item 0: Prompt Template is empty',
			`Say what to make of the image, e.g. "${REIMAGINE_PROMPT}"`,
		],
		[
			'Replace Background: a template of spaces',
			'novitaReplaceBackground',
			{ prompt: 'a beach', promptTemplate: '   ' },
			'Item 0: Prompt Template is empty',
			'Use the default, "Replace the background with: {prompt}. Keep the subject unchanged.".',
		],
		[
			'a GIF',
			'novitaReimagine',
			{ inputSource: 'base64', imageBase64: fixtures.gif.toString('base64') },
			'Item 0: the input image is a GIF; Novita Reimagine (Qwen Image Edit) accepts only PNG, JPEG or WEBP',
			'',
		],
	] as const)('%s', async (_name, nodeType, parameters, message, fix) => {
		const result = await runEntry(`${nodeType}Qwen`, { server, parameters: parameters });
		expect(result.error?.message).toMatch(
			new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
		);
		if (fix) expect(description(result)).toBe(fix);
		expect(server.requests.filter((r) => !r.path.startsWith('/assets/'))).toHaveLength(0);
	});
});

describe('Novita nodes: the parameters the editor shows', () => {
	/** The asynchronous models, which take a seed; Seedream 4.5 answers at once and has none. */
	const KONTEXT_AND_QWEN = ['qwen', 'fluxKontextPro', 'fluxKontextMax', 'fluxKontextDev'];

	it.each(['novitaReimagine', 'novitaReplaceBackground'])(
		'%s: Engine defaults to Qwen in version 2, Classic in version 1; each field shown for the engines that send it',
		async (nodeType) => {
			const { nodeTypes } = await loadPackage();
			const type = nodeTypes.getByName(`n8n-nodes-ai-image.${nodeType}`) as INodeType;
			const { properties, version, defaultVersion } = type.description;
			expect([version, defaultVersion]).toEqual([[1, 2], 2]);
			expect(
				properties
					.filter((p) => p.name === 'engine')
					.map((p) => [p.displayOptions?.show?.['@version'], p.default, p.noDataExpression]),
			).toEqual([
				[[1], 'classic', true],
				[[2], 'qwen', true],
			]);
			const byName = (name: string) => properties.find((p) => p.name === name)!;
			expect(byName('seed')).toMatchObject({
				default: -1,
				typeOptions: { minValue: -1, maxValue: 2147483647, numberPrecision: 0 },
				displayOptions: { show: { engine: [...KONTEXT_AND_QWEN] } },
			});
			expect(byName('promptTemplate').displayOptions).toEqual({
				show: { engine: [...KONTEXT_AND_QWEN, 'seedream45'] },
			});
			expect(byName('responseImageType').displayOptions).toEqual({
				show: { engine: ['classic', 'qwen', 'fluxKontextDev'] },
			});
			expect(byName('useDedicatedEndpoint').displayOptions).toEqual({
				show: { engine: ['classic'] },
			});
			const options = Object.fromEntries(
				(byName('options').options as INodeProperties[]).map((p) => [p.name, p]),
			);
			expect(options.maxWaitSeconds).toMatchObject({
				default: 300,
				displayOptions: { show: { '/engine': KONTEXT_AND_QWEN } },
			});
			expect(options.pollIntervalSeconds).toMatchObject({
				default: 2,
				displayOptions: { show: { '/engine': KONTEXT_AND_QWEN } },
			});
		},
	);
});

// Task answers outside the documentation, what an item echoes of the answer, and the Seed range at
// its ends.
describe('Novita nodes on Qwen Image Edit: task answers outside the documentation', () => {
	const UNUSABLE = 'Novita AI returned HTTP 200: the response could not be used';
	const answerPoll = (body: unknown) =>
		server.fail(pollRoute, { kind: 'status', status: 200, body });
	const resultAsset = () => {
		server.assets.set('result.png', { body: fixtures.squarePng, contentType: 'image/png' });
		return `${server.baseUrl}/assets/result.png`;
	};

	it.each([
		['plain text', 'the body is not JSON'],
		[{ task: { status: 'TASK_STATUS_SUCCEED' } }, 'it has no task.task_id and task.status'],
		[{ task: { task_id: 't-1' } }, 'it has no task.task_id and task.status'],
		[{ task_id: 't-1', status: 'TASK_STATUS_SUCCEED' }, 'it has no task.task_id and task.status'],
	])('a poll answered with %j: "%s"', async (body, problem) => {
		answerPoll(body);
		const result = await runEntry('novitaReimagineQwen', { server });
		expect(result.error?.message).toBe(`${UNUSABLE}: ${problem}`);
		expect(server.requestsTo(pollRoute)).toHaveLength(1);
	});

	it.each([
		['without an images array', {}, 'TASK_STATUS_SUCCEED', 0],
		['with an empty images array', { images: [] }, 'TASK_STATUS_SUCCEED', 0],
		['whose only image has no URL', { images: [{ image_type: 'png' }] }, 'TASK_STATUS_SUCCEED', 0],
		['of an unknown status', { images: [] }, 'TASK_STATUS_PAUSED', 0],
	])(
		'a task %s ends with an error naming status and image count',
		async (_name, answer, status, count) => {
			answerPoll({ task: { task_id: 't-1', status }, ...answer });
			const result = await runEntry('novitaReimagineQwen', { server });
			expect(result.error?.message).toBe(
				`Novita task t-1 ended with status ${status} and ${count} images`,
			);
			expect(description(result)).toBe('The API answered outside its documentation. Try again.');
			expect((result.error as { errorResponse?: unknown }).errorResponse).toEqual({
				message: 'no reason given',
				task_id: 't-1',
				status,
			});
			expect(server.requestsTo('/assets/')).toHaveLength(0);
		},
	);

	it('a FAILED task that lists images is still a failure; without a reason it says so', async () => {
		answerPoll({
			task: { task_id: 't-1', status: 'TASK_STATUS_FAILED', reason: '' },
			images: [{ image_url: resultAsset() }],
		});
		const result = await runEntry('novitaReimagineQwen', { server });
		expect(result.error?.message).toBe('Novita task t-1 failed: no reason given');
		expect((result.error as { errorResponse?: unknown }).errorResponse).toEqual({
			message: 'no reason given',
			task_id: 't-1',
			status: 'TASK_STATUS_FAILED',
		});
		expect(server.requestsTo('/assets/')).toHaveLength(0);
	});

	it('image entries without a URL are skipped; seed and TTL are echoed only as the answer gives them', async () => {
		answerPoll({
			task: { task_id: 't-1', status: 'TASK_STATUS_SUCCEED' },
			extra: { seed: { value: 1 } },
			images: [{ image_type: 'png' }, { image_url: resultAsset(), image_url_ttl: '3600' }],
		});
		const result = await runEntry('novitaReimagineQwen', { server });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toStrictEqual([
			{
				model: 'qwen-image-edit',
				task_id: 't-1',
				status: 'TASK_STATUS_SUCCEED',
				index: 0,
				requestedImageType: 'png',
				url: `${server.baseUrl}/assets/result.png`,
				downloadAttempts: 1,
				fileName: 'in-reimagined.png',
				mimeType: 'image/png',
				fileSize: fixtures.squarePng.length,
				width: 64,
				height: 64,
			},
		]);
	});

	it('a seed given as a number is echoed as the number', async () => {
		answerPoll({
			task: { task_id: 't-1', status: 'TASK_STATUS_SUCCEED' },
			extra: { seed: 42 },
			images: [{ image_url: resultAsset(), image_url_ttl: 60, image_type: 'png' }],
		});
		const result = await runEntry('novitaReimagineQwen', { server });
		expect(result.items[0].json).toMatchObject({ seed: 42, image_url_ttl: 60, image_type: 'png' });
	});

	it('Seed 2147483647, the largest, is sent; 2147483648 fails before any request', async () => {
		const largest = await runEntry('novitaReimagineQwen', {
			server,
			parameters: { seed: 2147483647 },
		});
		expect(largest.error).toBeUndefined();
		expect(server.requestsTo(submitRoute)[0].json).toMatchObject({ seed: 2147483647 });
		server.requests.length = 0;
		const over = await runEntry('novitaReimagineQwen', {
			server,
			parameters: { seed: 2147483648 },
		});
		expect(over.error?.message).toBe(
			'Item 0: Seed must be a whole number from -1 to 2147483647, but is 2147483648',
		);
		expect(server.requests).toHaveLength(0);
	});

	it.each([
		[
			'a 400 that is not about the image',
			400,
			'prompt is too long',
			'Novita rejected the request body. Check the node parameters.',
		],
		[
			'a 413 about the image',
			413,
			'image is too large',
			'Novita rejected the request body. Check the node parameters.',
		],
	])('%s gets no advice about the image form', async (_name, status, message, hint) => {
		server.fail(submitRoute, {
			kind: 'status',
			status,
			body: { code: status, reason: 'INVALID_REQUEST_BODY', message, metadata: {} },
		});
		const result = await runEntry('novitaReimagineQwen', { server });
		expect(result.error?.message).toBe(
			`Novita AI returned HTTP ${status}: ${message} [INVALID_REQUEST_BODY]`,
		);
		expect(description(result)).toBe(hint);
	});

	it('a 400 about the image without a reason: the advice about the form, then the generic one', async () => {
		server.fail(submitRoute, {
			kind: 'status',
			status: 400,
			body: { code: 400, message: 'image could not be decoded' },
		});
		const result = await runEntry('novitaReimagineQwen', { server });
		expect(result.error?.message).toBe('Novita AI returned HTTP 400: image could not be decoded');
		expect(description(result)).toBe(
			'The image was sent as bare base64; Novita’s reference does not say whether Qwen Image Edit takes base64. Try Input Image Source "URL" (sent as the URL itself). The API rejected the request. Check the node parameters against the message above.',
		);
	});
});
