import { fixtures } from '../fixtures/images';
import type { RunResult } from '../harness/engine';
import { capturedLogs } from '../harness/engine';
import { imageItems, runEntry } from '../harness/runEntry';
import { expectNoSecrets, SECRET_KEYS, serialise } from '../helpers';
import type { ContractServer, Fault } from '../servers/contractServer';
import { startVendorServers } from '../vendorServers';
import type { NodeEntry, Vendor } from '../vendors';
import { NODES } from '../vendors';
import { KONTEXT_PATHS, QWEN_PATH, SEEDREAM_PATH, TASK_RESULT_PATH } from '../servers/novitaServer';

const POLL_ROUTE = `GET ${TASK_RESULT_PATH}`;

// One systematic pass: every fault × every node, two items, continueOnFail on, the fault hitting
// the first request only. Each cell asserts its outcome; a summary table is printed at the end.
// Unhandled promise rejections: jest-circus fails the test that is running when one happens, so a
// green cell also means none occurred; the last block checks the process still serves clean runs.

const { freepik, servers } = startVendorServers();

interface NodeUnderTest extends NodeEntry {
	server: () => ContractServer;
}

const nodes: NodeUnderTest[] = NODES.map((node) => ({
	...node,
	server: () => servers[node.vendor],
}));

const errorBodies: Record<Vendor, (status: number, code: string, message: string) => unknown> = {
	novita: (status, code, message) => ({ code: status, reason: code, message, metadata: {} }),
	freepik: (_status, _code, message) => ({ message }),
	openai: (_status, code, message) => ({
		error: { message, type: 'invalid_request_error', param: null, code },
	}),
};

type Expectation = (
	| {
			outcome: 'retried';
			attempts: number;
			/** The wait before the second attempt, as the node planned it (the server saw no shorter). */ gapMs?: [
				min: number,
				max: number,
			];
	  }
	| {
			outcome: 'error';
			message: RegExp;
			attempts: number;
			/** The error's description (the hint), exactly. */ description: string | RegExp;
	  }
) & {
	/** Paid requests the vendor took in the run of two items (the second is never faulted). */
	charges?: number;
};

// The hints the user reads, word for word: a hint that changes is a change to review.
const INVALID_RESPONSE =
	'The API answered but its response was not what its documentation promises. Try again; if it persists, the host behind the Base URL may not implement this API faithfully.';
const HINTS = {
	keyRejected: 'The API key was rejected. Check the API key in the credential used by this node.',
	freepikKey:
		'The API key was rejected or not sent. Check the API key and the Host in the Freepik credential: Magnific keys go to api.magnific.com in the X-Magnific-API-Key header, Freepik keys to api.freepik.com in x-freepik-api-key.',
	openAiKey:
		'The API key was rejected. Check the API key (and Organization ID, if set) in the OpenAI-Compatible Images credential.',
	novitaKey: 'Novita rejected the API key. Check the API key in the Novita AI credential.',
	novitaBalance:
		'The Novita account balance is too low. Top up the account, then run the workflow again.',
	openAiQuota:
		'The account has no quota left; retrying will not help. Add credit or raise the limit in the provider’s billing settings.',
	notAllowed:
		'The API key is not allowed to do this. Check the API key and the plan of the account it belongs to.',
	novitaGone:
		'This host no longer serves this endpoint (Novita retired Reimagine and Replace Background in 2026). Set the Base URL in the Novita AI credential to a dedicated endpoint or proxy that still serves it.',
	notServed:
		'The host does not serve this endpoint. Check the Base URL in the credential; the vendor may have moved or retired it.',
	openAiModelGone:
		'This host no longer serves that model for image variations: OpenAI removed dall-e-2, the only model /images/variations ever supported, on 2026-05-12. Set the Base URL of the OpenAI-Compatible Images credential to a gateway that still serves the endpoint (e.g. LiteLLM), and the Model parameter to the name that gateway uses.',
	openAiEditsModelUnknown:
		'This host does not know the model set in Model, or the API key may not use it. Check the name (e.g. gpt-image-1.5, gpt-image-2, gpt-image-1 or gpt-image-1-mini) and the models the account may use.',
	novitaModelNotServed: (model: string, path: string) =>
		`This host does not serve ${model} (POST ${path}). Check the Base URL in the Novita AI credential (Novita’s own is https://api.novita.ai); for a dedicated endpoint or proxy that serves only the classic API, set Engine to Classic Endpoint.`,
	redirect:
		'API requests are not redirected, because a redirected upload loses its body. Set the Base URL in the credential to the address the API answers at without a redirect (e.g. https:// rather than http://).',
	fileGone:
		'The file is not available at this address (signed URLs expire after a while). Check the URL or run the node again.',
	notAnImage: 'The URL did not return an image; it may have expired. Run the node again.',
	overCap: 'Raise the Max Download Size option if the file is expected to be this large.',
};
/** Where the 404 means something else than the vendor's usual case. */
const NOT_FOUND_HINTS: Record<string, string> = {
	openAiEdits: HINTS.openAiEditsModelUnknown,
	openAiEditsCustomSize: HINTS.openAiEditsModelUnknown,
	openAiEditsSeveralImages: HINTS.openAiEditsModelUnknown,
	openAiEditsMask: HINTS.openAiEditsModelUnknown,
	novitaReimagineQwen: HINTS.novitaModelNotServed('Qwen Image Edit', QWEN_PATH),
	novitaReplaceBackgroundQwen: HINTS.novitaModelNotServed('Qwen Image Edit', QWEN_PATH),
	novitaReimagineKontext: HINTS.novitaModelNotServed('FLUX.1 Kontext Pro', KONTEXT_PATHS.pro),
	novitaReplaceBackgroundSeedream: HINTS.novitaModelNotServed('Seedream 4.5', SEEDREAM_PATH),
};
const byVendor = (novita: string, freepik: string, openai: string) => (vendor: Vendor) =>
	({ novita, freepik, openai })[vendor];

interface FaultCase {
	name: string;
	/** The route the fault hits, when not the node's paid request; undefined: not for this node. */
	route?: (node: NodeEntry) => string | undefined;
	faults: (vendor: Vendor) => Fault[];
	expect: (vendor: Vendor, node: NodeEntry) => Expectation;
	options?: Record<string, unknown>;
	/** Node parameters the case needs (e.g. URL answers instead of base64). */
	parameters?: Partial<Record<Vendor, Record<string, unknown>>>;
	/** Vendors the fault exists for; all when unset. */
	only?: Vendor[];
	/** Only for nodes whose API answers this way (an image in the answer, or URLs). */
	answers?: 'base64' | 'urls';
}

const status =
	(code: number, vendorCode: string, message: string, headers?: Record<string, string>) =>
	(vendor: Vendor): Fault[] => [
		{ kind: 'status', status: code, body: errorBodies[vendor](code, vendorCode, message), headers },
	];

const PAID_HINT =
	/^(Novita AI|Freepik|OpenAI-compatible API) may have taken this request and charged for it, so the node did not send it again \(nothing is paid twice\)\. Check .* before running the item again\. To resend paid requests after such failures instead \(each resend may be charged\), turn on the option "Resend Paid Requests"\.$/;
const paidUnknown = (_vendor: Vendor): Expectation => ({
	outcome: 'error',
	message: / \(the request may have been taken and charged\)$/,
	attempts: 1,
	description: PAID_HINT,
});
/** The model entries whose models answer a task that is polled. */
const ASYNC_NOVITA = [
	'novitaReimagineQwen',
	'novitaReplaceBackgroundQwen',
	'novitaReimagineKontext',
];

/** Failures after which it is unknown whether the vendor took a request. */
const UNKNOWN_OUTCOME: Array<{
	name: string;
	faults: (vendor: Vendor) => Fault[];
	options?: Record<string, unknown>;
	/** Vendors whose docs say this failure comes before any work (so it is resent). */
	resentBy?: Vendor[];
}> = [
	{ name: '500', faults: status(500, 'TASK_FAILED', 'Internal Server Error') },
	{ name: '502 HTML page', faults: () => [{ kind: 'html', status: 502 }] },
	{
		name: '503',
		faults: status(503, 'SERVICE_UNAVAILABLE', 'Service Unavailable. Please try again later.'),
		resentBy: ['freepik'],
	},
	{ name: 'connection reset', faults: () => [{ kind: 'reset' }] },
	{ name: 'reset mid-response', faults: () => [{ kind: 'resetMidBody' }] },
	{
		name: 'never answers (timeout)',
		faults: () => [{ kind: 'hang' }],
		options: { timeoutMs: 1000 },
	},
	{ name: 'truncated body', faults: () => [{ kind: 'truncated' }] },
];

const cases: FaultCase[] = [
	// 300 ms asked for, against a backoff of 30-40 ms (FAST_RETRY) when the server names no wait.
	{
		name: '429 with Retry-After',
		faults: status(429, 'RATE_LIMIT_EXCEEDED', 'Too many requests', { 'retry-after': '0.3' }),
		expect: () => ({ outcome: 'retried', attempts: 2, gapMs: [300, 301] }),
	},
	{
		name: '429 without Retry-After',
		faults: status(429, 'rate_limit_exceeded', 'Too many requests'),
		expect: () => ({ outcome: 'retried', attempts: 2, gapMs: [30, 41] }),
	},
	// A paid request that failed after it may have reached the vendor is not sent again: the item
	// fails saying it may have been charged (the vendor took nothing here: 1 charge, item 2's).
	...UNKNOWN_OUTCOME.map(({ name, faults, options, resentBy }): FaultCase => ({
		name,
		faults,
		options,
		expect: (vendor) =>
			resentBy?.includes(vendor)
				? { outcome: 'retried', attempts: 2, charges: 2 }
				: { ...paidUnknown(vendor), charges: 1 },
	})),
	// With Resend Paid Requests on, the same failures are resent as any request is.
	...UNKNOWN_OUTCOME.map(({ name, faults, options }): FaultCase => ({
		name: `${name}, Resend Paid Requests on`,
		faults,
		options: { ...options, resendPaidRequests: true },
		expect: () => ({ outcome: 'retried', attempts: 2, charges: 2 }),
	})),
	// The vendor took the request (and charged it), then its answer was lost: never resent.
	...(
		[
			['timeout after accept', 'hang', { timeoutMs: 1000 }],
			['reset after accept', 'reset'],
			['500 after accept', { status: 500, body: { message: 'Internal Server Error' } }],
			['502 after accept', { status: 502 }],
			['504 after accept', { status: 504 }],
		] as Array<[string, Extract<Fault, { kind: 'afterAccept' }>['then'], Record<string, unknown>?]>
	).map(([name, then, options]): FaultCase => ({
		name,
		faults: () => [{ kind: 'afterAccept', then }],
		options,
		expect: (vendor) => ({ ...paidUnknown(vendor), charges: 2 }),
	})),
	// A status check is free: one that fails twice is checked again, and the task is not resubmitted.
	{
		name: 'a poll that fails twice',
		route: (node) => (ASYNC_NOVITA.includes(node.id) ? POLL_ROUTE : undefined),
		faults: status(503, 'SERVICE_UNAVAILABLE', 'busy'),
		expect: () => ({ outcome: 'retried', attempts: 1, charges: 2 }),
	},
	{
		name: 'malformed JSON',
		faults: () => [{ kind: 'malformedJson' }],
		expect: () => ({
			outcome: 'error',
			message: /response could not be used: the body is not JSON/,
			attempts: 1,
			description: INVALID_RESPONSE,
		}),
	},
	{
		name: '401',
		faults: status(401, 'invalid_api_key', 'Invalid API key'),
		expect: (vendor) => ({
			outcome: 'error',
			message: /HTTP 401: Invalid API key/,
			attempts: 1,
			description: byVendor(HINTS.keyRejected, HINTS.freepikKey, HINTS.openAiKey)(vendor),
		}),
	},
	{
		name: '403',
		faults: status(403, 'INVALID_API_KEY', 'invalid api-key'),
		expect: (vendor) => ({
			outcome: 'error',
			message: /HTTP 403: invalid api-key/,
			attempts: 1,
			description: byVendor(HINTS.novitaKey, HINTS.notAllowed, HINTS.notAllowed)(vendor),
		}),
	},
	{
		name: '404 endpoint gone',
		faults: (vendor) =>
			status(
				404,
				vendor === 'openai' ? 'model_not_found' : 'API_NOT_FOUND',
				vendor === 'openai' ? 'The model `dall-e-2` does not exist' : 'api not found',
			)(vendor),
		expect: (vendor, node) => ({
			outcome: 'error',
			message: /HTTP 404/,
			attempts: 1,
			description:
				NOT_FOUND_HINTS[node.id] ??
				byVendor(HINTS.novitaGone, HINTS.notServed, HINTS.openAiModelGone)(vendor),
		}),
	},
	// A proxy or gateway that marks every 429 as retryable: the vendor's own word that the refusal
	// cannot succeed (no quota, no balance) still counts.
	{
		name: 'quota refusal marked x-should-retry: true',
		only: ['novita', 'openai'],
		faults: (vendor) =>
			status(
				429,
				vendor === 'novita' ? 'BILLING_BALANCE_NOT_ENOUGH' : 'insufficient_quota',
				'You exceeded your current quota',
				{ 'x-should-retry': 'true' },
			)(vendor),
		expect: (vendor) => ({
			outcome: 'error',
			message: /HTTP 429: You exceeded your current quota/,
			attempts: 1,
			description: byVendor(HINTS.novitaBalance, '', HINTS.openAiQuota)(vendor),
		}),
	},
	{
		name: '301 redirect',
		faults: () => [
			{
				kind: 'status',
				status: 301,
				body: 'Moved',
				headers: { location: 'https://api.example.test/v9/moved?token=secret-in-query' },
			},
		],
		expect: (vendor) => ({
			outcome: 'error',
			message: new RegExp(
				`^${vendor === 'novita' ? 'Novita AI' : vendor === 'freepik' ? 'Freepik' : 'OpenAI-compatible API'} answered with a redirect \\(HTTP 301\\) to https://api\\.example\\.test/v9/moved instead of a result$`,
			),
			attempts: 1,
			description: HINTS.redirect,
		}),
	},
];

// A 200 answer that carries something unusable where the image (or the image's URL) belongs.
const okBody: Record<Vendor, (image: { b64?: string; url?: string }) => unknown> = {
	// The classic endpoints answer base64; Seedream 4.5 answers URLs.
	novita: ({ b64, url }) => (url ? { images: [url] } : { image_file: b64, image_type: 'png' }),
	freepik: ({ url }) => ({
		data: { task_id: 'task-with-bad-file', status: 'COMPLETED', generated: [url] },
	}),
	openai: ({ b64, url }) => ({ created: 1700000000, data: [url ? { url } : { b64_json: b64 }] }),
};
const answer200 =
	(image: { b64?: string; url?: string }) =>
	(vendor: Vendor): Fault[] => [{ kind: 'status', status: 200, body: okBody[vendor](image) }];
const assetUrl = (vendor: Vendor, name: string) => `${servers[vendor].baseUrl}/assets/${name}`;
const URL_ANSWER = { openai: { responseFormat: 'url', options: { downloadUrlResults: true } } };

cases.push(
	{
		name: '200, image is invalid base64',
		answers: 'base64',
		faults: answer200({ b64: '%%not-base64%%' }),
		expect: () => ({
			outcome: 'error',
			message:
				/HTTP 200: the response could not be used: (image_file|data\[0\]\.b64_json) is not valid base64$/,
			attempts: 1,
			description: INVALID_RESPONSE,
		}),
	},
	{
		name: '200, image is not an image',
		answers: 'base64',
		faults: answer200({ b64: Buffer.from('{"status":"ok"}').toString('base64') }),
		expect: () => ({
			outcome: 'error',
			message:
				/HTTP 200: the response could not be used: (image_file|data\[0\]\.b64_json) is not a PNG, JPEG or WEBP image$/,
			attempts: 1,
			description: INVALID_RESPONSE,
		}),
	},
	{
		name: '200, image URL answers 404',
		answers: 'urls',
		parameters: URL_ANSWER,
		faults: (vendor) => answer200({ url: assetUrl(vendor, 'expired.png?signature=abc') })(vendor),
		expect: () => ({
			outcome: 'error',
			message: /generated image download returned HTTP 404/,
			attempts: 1,
			description: HINTS.fileGone,
		}),
	},
	{
		name: '200, image URL is not an image',
		answers: 'urls',
		parameters: URL_ANSWER,
		faults: (vendor) => answer200({ url: assetUrl(vendor, 'login.html') })(vendor),
		expect: () => ({
			outcome: 'error',
			message: /generated image is not an image \(text\/html, 40 bytes\)/,
			attempts: 1,
			description: HINTS.notAnImage,
		}),
	},
	{
		name: '200, image URL over the download cap',
		answers: 'urls',
		parameters: URL_ANSWER,
		options: { maxDownloadSizeMb: 1 },
		faults: (vendor) => answer200({ url: assetUrl(vendor, 'huge.png') })(vendor),
		expect: () => ({
			outcome: 'error',
			message: /generated image is 1\.5 MB, larger than the download limit of 1\.0 MB/,
			attempts: 1,
			description: HINTS.overCap,
		}),
	},
	{
		name: 'task FAILED',
		only: ['freepik'],
		faults: () => [
			{
				kind: 'status',
				status: 200,
				body: { data: { task_id: 'task-failed', status: 'FAILED', generated: [] } },
			},
		],
		expect: () => ({
			outcome: 'error',
			message: /^Freepik [\w .]+ task task-failed FAILED$/,
			attempts: 1,
			description:
				'Magnific could not generate the image. Try again, or change the images or prompt. Quote the task ID to Magnific support if it keeps failing.',
		}),
	},
	{
		name: 'task never completes',
		only: ['freepik'],
		options: { maxWaitSeconds: 1, pollIntervalSeconds: 0.1 },
		faults: () => [
			{
				kind: 'status',
				status: 200,
				body: { data: { task_id: freepik.stuckTask(), status: 'IN_PROGRESS', generated: [] } },
			},
		],
		expect: () => ({
			outcome: 'error',
			message: /did not complete within 1 s/,
			attempts: 1,
			description:
				/^The task may still finish: look it up with GET http:\/\/127\.0\.0\.1:\d+\/v1\/ai(\/beta)?\/text-to-image\/[\w-]+\/[\w-]+, raise the Max Wait option, or set a Webhook URL to be notified instead of waiting\.$/,
		}),
	},
);

const table: Record<string, Record<string, string>> = {};

afterAll(() => {
	const columns = nodes.map((n) => n.id);
	const lines = [
		`| fault | ${columns.join(' | ')} |`,
		`| --- | ${columns.map(() => '---').join(' | ')} |`,
		...Object.entries(table).map(
			([fault, row]) => `| ${fault} | ${columns.map((c) => row[c] ?? '—').join(' | ')} |`,
		),
	];
	console.log(
		`Fault matrix (fault × node → outcome, and the paid requests the vendor took for the run's two items)\n${lines.join('\n')}`,
	);
});

function description(result: RunResult, index: number): string {
	return String(result.items[index]?.json.description ?? '');
}

function publishAssets(server: ContractServer) {
	server.assets.set('login.html', {
		body: '<html><body>Please sign in</body></html>',
		contentType: 'text/html',
	});
	server.assets.set('huge.png', {
		body: Buffer.concat([fixtures.squarePng, Buffer.alloc(1.5 * 1024 * 1024)]),
		contentType: 'image/png',
	});
}

/** The waits before retries the node logged ("…, retrying in 37 ms"). */
const plannedWaits = (logs: string[]) =>
	logs.flatMap((line) => {
		const match = /retrying in (\d+) ms/.exec(line);
		return match ? [Number(match[1])] : [];
	});

const answersWith = (node: NodeEntry, answers?: 'base64' | 'urls') =>
	!answers || node.answers === answers || node.answers === 'both';

describe.each(nodes)('$id under faults', (node) => {
	const applicable = cases.filter(
		(c) =>
			(!c.only || c.only.includes(node.vendor)) &&
			answersWith(node, c.answers) &&
			(!c.route || c.route(node) !== undefined),
	);
	it.each(applicable)('$name', async (fault) => {
		const server = node.server();
		publishAssets(server);
		server.fail(fault.route?.(node) ?? node.route, ...fault.faults(node.vendor));
		const logsBefore = capturedLogs.length;
		const result = await runEntry(node, {
			server: node.server(),
			items: imageItems(2),
			parameters: {
				...fault.parameters?.[node.vendor],
				options: {
					concurrency: 1,
					...fault.options,
					...(fault.parameters?.[node.vendor]?.options as object),
				},
			},
			continueOnFail: true,
		});
		const expected = fault.expect(node.vendor, node);
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(2);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[1].binary?.data).toBeDefined();
		const requests = server.requestsTo(node.route);
		const charges = server.charges.length;
		expect(charges).toBe(expected.charges ?? (expected.outcome === 'retried' ? 2 : 1));
		// The images out are the ones paid for: item 0's only where it came out.
		expect(result.items.filter((item) => item.binary?.data).length).toBeLessThanOrEqual(charges);
		const charged = `, ${charges} charge${charges === 1 ? '' : 's'}`;
		if (expected.outcome === 'retried') {
			expect(result.items[0].json.error).toBeUndefined();
			expect(result.items[0].binary?.data).toBeDefined();
			expect(requests).toHaveLength(expected.attempts + 1);
			if (expected.gapMs) {
				// The wait the node chose, as it logged it (a loaded machine only adds to it), and the
				// server's view that no attempt came sooner.
				const planned = plannedWaits(capturedLogs.slice(logsBefore));
				expect(planned).toHaveLength(1);
				expect(planned[0]).toBeGreaterThanOrEqual(expected.gapMs[0]);
				expect(planned[0]).toBeLessThan(expected.gapMs[1]);
				expect(requests[1].at - requests[0].at).toBeGreaterThanOrEqual(planned[0] - 5);
			}
			table[fault.name] = {
				...table[fault.name],
				[node.id]: `retried, ok (${expected.attempts} attempts)${charged}`,
			};
		} else {
			expect(String(result.items[0].json.error)).toMatch(expected.message);
			if (typeof expected.description === 'string')
				expect(description(result, 0)).toBe(expected.description);
			else expect(description(result, 0)).toMatch(expected.description);
			expect(requests).toHaveLength(expected.attempts + 1);
			table[fault.name] = {
				...table[fault.name],
				[node.id]: `clear error, ${expected.attempts} attempt${charged}`,
			};
		}
		expectNoSecrets(
			`${serialise(result.items, result.error, result.run)}\n${capturedLogs.join('\n')}`,
		);
	});
});

// A server that rejects the key and quotes it back: OpenAI's "Incorrect API key provided: sk-…",
// gateways that echo the key or the whole Authorization header. The key must appear nowhere.
type Echo = {
	name: string;
	reply: (vendor: Vendor, key: string) => Fault;
	redactedInMessage: Vendor[];
};
const rejectStatus = (vendor: Vendor) => (vendor === 'novita' ? 403 : 401);
const echoes: Echo[] = [
	{
		name: 'the key in full',
		reply: (vendor, key) => ({
			kind: 'status',
			status: rejectStatus(vendor),
			body: errorBodies[vendor](
				rejectStatus(vendor),
				vendor === 'novita' ? 'INVALID_API_KEY' : 'invalid_api_key',
				`Incorrect API key provided: ${key}. You can find your API key in the dashboard.`,
			),
		}),
		redactedInMessage: ['novita', 'freepik', 'openai'],
	},
	{
		name: 'a prefix of the key',
		reply: (vendor, key) => ({
			kind: 'status',
			status: rejectStatus(vendor),
			body: errorBodies[vendor](
				rejectStatus(vendor),
				'invalid_api_key',
				`Incorrect API key provided: ${key.slice(0, 12)}*********.`,
			),
		}),
		redactedInMessage: ['novita', 'freepik', 'openai'],
	},
	{
		name: 'the key in a nested JSON field',
		reply: (vendor, key) => ({
			kind: 'status',
			status: rejectStatus(vendor),
			body: {
				novita: {
					code: 403,
					reason: 'INVALID_API_KEY',
					message: 'invalid api-key',
					metadata: { request: { headers: { authorization: `Bearer ${key}` } } },
				},
				freepik: {
					message: 'Invalid API key',
					invalid_params: [{ name: 'x-freepik-api-key', reason: `not a valid key: ${key}` }],
				},
				openai: {
					error: {
						message: 'Unauthorized',
						type: 'invalid_request_error',
						param: key,
						code: 'invalid_api_key',
					},
				},
			}[vendor],
		}),
		redactedInMessage: ['freepik', 'openai'],
	},
	{
		name: 'the Authorization header in an HTML page',
		reply: (vendor, key) => ({
			kind: 'status',
			status: rejectStatus(vendor),
			body: `<html><head><title>Unauthorized</title></head><body><h1>${rejectStatus(vendor)} Unauthorized</h1><pre>Authorization: Bearer ${key}\nX-Api-Key: ${key}</pre></body></html>`,
			headers: { 'content-type': 'text/html' },
		}),
		redactedInMessage: ['novita', 'freepik', 'openai'],
	},
	{
		name: 'the key URL-encoded',
		reply: (vendor, key) => ({
			kind: 'status',
			status: rejectStatus(vendor),
			body: errorBodies[vendor](
				rejectStatus(vendor),
				'invalid_api_key',
				`key rejected: /v1/check?api_key=${encodeURIComponent(key)}&x=1`,
			),
		}),
		redactedInMessage: ['novita', 'freepik', 'openai'],
	},
];
const keyOf = (vendor: Vendor) => SECRET_KEYS[vendor];

// A retried failure is logged (vendor code included) before the retry: the log line must not
// carry a key the vendor put in its code.
it('a retried failure whose vendor code echoes the key leaves no key in the log', async () => {
	const key = SECRET_KEYS.novita;
	servers.novita.fail('POST /v3/reimagine', {
		kind: 'status',
		status: 503,
		body: { code: 503, reason: `BUSY_FOR_${key}`, message: 'busy' },
	});
	const before = capturedLogs.length;
	const classic = nodes.find((node) => node.route === 'POST /v3/reimagine')!;
	const result = await runEntry(classic, {
		server: classic.server(),
		items: imageItems(1),
		parameters: { options: { resendPaidRequests: true } },
	});
	expect(result.status).toBe('success');
	const logged = capturedLogs.slice(before).join('\n');
	expect(logged).toContain('attempt 1 failed');
	expectNoSecrets(logged);
});

// Texts that never pass through a vendor error adapter: only the redaction on the way out of the
// node protects these.
// A failed download's error item under Continue On Fail names its input item, not the image's
// place among that item's images: the third item's first (only) image fails.
describe.each(nodes.filter((node) => node.answers !== 'base64'))(
	'$id under Continue On Fail, a generated image that cannot be downloaded',
	(node) => {
		it('gives an error item paired to its own input item', async () => {
			const server = node.server();
			server.fail(
				'GET /files/*',
				{ kind: 'delay', ms: 0 },
				{ kind: 'delay', ms: 0 },
				{ kind: 'status', status: 404, body: 'NoSuchKey' },
			);
			node.urlAnswers?.server?.(servers.openai);
			const parameters = node.urlAnswers?.parameters ?? {};
			const result = await runEntry(node, {
				server: node.server(),
				items: imageItems(3),
				parameters: { ...parameters, options: { concurrency: 1 } },
				continueOnFail: true,
			});
			expect(result.status).toBe('success');
			expect(server.requestsTo('/files/')).toHaveLength(3);
			expect(
				result.items.map((item) => [item.pairedItem, item.binary ? 'image' : 'error']),
			).toEqual([
				[{ item: 0 }, 'image'],
				[{ item: 1 }, 'image'],
				[{ item: 2 }, 'error'],
			]);
			expect(result.items[2].json.error).toMatch(/HTTP 404/);
			expect(result.items[2].json.url).toMatch(/\/files\//);
		});
	},
);

describe.each(nodes)('$id when the key comes back outside an error body', (node) => {
	it.each([
		['thrown', false],
		['in the error item under Continue On Fail', true],
	])(
		'a redirect to an address that holds the key: the message names the address, redacted (%s)',
		async (_how, continueOnFail) => {
			const key = keyOf(node.vendor);
			node.server().fail(node.route, {
				kind: 'status',
				status: 307,
				body: 'Moved',
				headers: { location: `https://gateway.example.test/keys/${encodeURIComponent(key)}/v1` },
			});
			const result = await runEntry(node, {
				server: node.server(),
				continueOnFail,
			});
			const message = continueOnFail ? result.items[0].json.error : result.error?.message;
			expect(message).toMatch(
				/answered with a redirect \(HTTP 307\) to https:\/\/gateway\.example\.test\/keys\/\[redacted\]\/v1 instead of a result$/,
			);
			expectNoSecrets(
				`${serialise(result.items, result.error, result.run)}\n${capturedLogs.join('\n')}`,
			);
		},
	);

	// A task that failed is a successful answer (HTTP 200) whose text the error item repeats.
	// Freepik's URLs come from a task; Seedream 4.5 answers its URLs at once, with no task.
	if (node.answers === 'task' || node.vendor === 'freepik') {
		it('a failed task whose reason or id holds the key: the error item under Continue On Fail is redacted', async () => {
			const key = keyOf(node.vendor);
			const [route, body] =
				node.vendor === 'novita'
					? [
							POLL_ROUTE,
							{
								task: {
									task_id: 'task-1',
									status: 'TASK_STATUS_FAILED',
									reason: `upstream refused the key ${key}`,
								},
								images: [],
							},
						]
					: [node.route, { data: { task_id: `task-of-${key}`, status: 'FAILED', generated: [] } }];
			node.server().fail(route, { kind: 'status', status: 200, body });
			const result = await runEntry(node, {
				server: node.server(),
				continueOnFail: true,
			});
			expect(result.status).toBe('success');
			expect(result.items[0].json.error).toContain('[redacted]');
			expectNoSecrets(
				`${serialise(result.items, result.error, result.run)}\n${capturedLogs.join('\n')}`,
			);
		});
	}

	it('a successful answer that copies the key into a field the output carries', async () => {
		const key = keyOf(node.vendor);
		const asset = `${node.server().baseUrl}/assets/ok.png`;
		node.server().assets.set('ok.png', { body: fixtures.squarePng, contentType: 'image/png' });
		const b64 = fixtures.squarePng.toString('base64');
		const qwenResult = {
			task: { task_id: `task-of-${key}`, status: 'TASK_STATUS_SUCCEED', reason: '' },
			images: [{ image_url: asset, image_url_ttl: 3600, image_type: 'png' }],
			extra: { seed: '1' },
		};
		// Per node: the answer, the field of it that the output item carries, and the route (the
		// task-result poll for Qwen, whose submit answers only a task id).
		const [body, field, route = node.route] = {
			novitaReimagineQwen: [qwenResult, 'task_id', POLL_ROUTE],
			novitaReplaceBackgroundQwen: [qwenResult, 'task_id', POLL_ROUTE],
			novitaReimagineKontext: [qwenResult, 'task_id', POLL_ROUTE],
			novitaReplaceBackgroundSeedream: [{ images: [`${asset}?for=${key}`] }, 'url'],
			novitaReimagine: [{ image_file: b64, image_type: `png (key ${key})` }, 'image_type'],
			novitaReplaceBackground: [{ image_file: b64, image_type: `png (key ${key})` }, 'image_type'],
			freepikReimagineFlux: [
				{ data: { task_id: `task-of-${key}`, status: 'COMPLETED', generated: [asset] } },
				'task_id',
			],
			// The models' submit answers CREATED; the task's status then names the key.
			...Object.fromEntries(
				['freepikKontextMax', 'freepikSeedreamEdit', 'freepikNanoBananaPro'].map((id) => [
					id,
					[
						{ data: { task_id: `task-of-${key}`, status: 'COMPLETED', generated: [asset] } },
						'task_id',
					],
				]),
			),
			openAiVariations: [
				{
					created: 1700000000,
					data: [{ b64_json: b64, revised_prompt: `a cat, requested with ${key}` }],
				},
				'revised_prompt',
			],
			openAiEdits: [
				{ created: 1700000000, quality: `high, for ${key}`, data: [{ b64_json: b64 }] },
				'quality',
			],
			openAiEditsCustomSize: [
				{ created: 1700000000, size: `2048x1152, for ${key}`, data: [{ b64_json: b64 }] },
				'size',
			],
			openAiEditsSeveralImages: [
				{ created: 1700000000, background: `opaque, for ${key}`, data: [{ b64_json: b64 }] },
				'background',
			],
			openAiEditsMask: [
				{ created: 1700000000, output_format: `png, for ${key}`, data: [{ b64_json: b64 }] },
				'output_format',
			],
		}[node.id] as [unknown, string, string?];
		node.server().fail(route, { kind: 'status', status: 200, body });
		const result = await runEntry(node, {
			server: node.server(),
		});
		expect(result.status).toBe('success');
		expect(String(result.items[0].json[field])).toContain('[redacted]');
		expectNoSecrets(
			`${serialise(result.items, result.error, result.run)}\n${capturedLogs.join('\n')}`,
		);
	});
});

describe.each(nodes)('$id when the server echoes the key', (node) => {
	describe.each(echoes)('$name', (echo) => {
		it.each([false, true])(
			'continueOnFail %s: fails with the vendor’s reason, the key nowhere',
			async (continueOnFail) => {
				const server = node.server();
				server.fail(node.route, echo.reply(node.vendor, keyOf(node.vendor)));
				const result = await runEntry(node, {
					server: node.server(),
					items: imageItems(2),
					parameters: { options: { concurrency: 1 } },
					continueOnFail,
				});
				const status = rejectStatus(node.vendor);
				const message = continueOnFail
					? String(result.items[0]?.json.error)
					: String(result.error?.message);
				if (continueOnFail) {
					expect(result.status).toBe('success');
					expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
					expect(result.items[0].json.httpCode).toBe(String(status));
					expect(result.items[1].binary?.data).toBeDefined();
				} else {
					expect(result.status).toBe('error');
					expect(result.items).toHaveLength(0);
				}
				expect(message).toMatch(new RegExp(`returned HTTP ${status}: `));
				if (echo.redactedInMessage.includes(node.vendor))
					expect(
						`${message} ${String(result.items[0]?.json.description ?? (result.error as { description?: string })?.description)}`,
					).toContain('[redacted]');
				expectNoSecrets(
					`${serialise(result.items, result.error, result.run)}\n${capturedLogs.join('\n')}`,
				);
				// The key went to the API only (the route, and a task's status for polling nodes):
				// never with a download, never elsewhere.
				const carriedKey = server.requests.filter((r) =>
					Object.values(r.headers).some((v) => String(v).includes(keyOf(node.vendor))),
				);
				const apiRoutes = [
					node.route,
					...(node.freeApiRoutes ?? []),
					...(node.answers === 'task' ? [POLL_ROUTE] : []),
				];
				const isApiRoute = (route: string) =>
					apiRoutes.some((api) =>
						api.endsWith('*') ? route.startsWith(api.slice(0, -1)) : route === api,
					);
				expect(carriedKey.map((r) => r.route)).toContain(node.route);
				expect(carriedKey.filter((r) => !isApiRoute(r.route))).toEqual([]);
				table[`echoes ${echo.name}`] = {
					...table[`echoes ${echo.name}`],
					[node.id]: 'redacted',
				};
			},
		);
	});
});

describe('after the whole matrix', () => {
	it.each(nodes)('$id still runs a clean item', async (node) => {
		const result = await runEntry(node, {
			server: node.server(),
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(result.items[0].binary?.data?.mimeType).toMatch(/^image\//);
		expect(node.server().requestsTo(node.route)).toHaveLength(1);
	});
});
