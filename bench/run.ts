// `npm run bench`: P1–P5 of issue #9 and P10 (several images per item), through n8n's engine against the contract servers, each figure
// the median of several runs and set against its reference measured in the same run. Prints a table.
import './env';

import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import axios from 'axios';

import { makePng } from '../test/fixtures/images';
import type { InputItem, RunSpec } from '../test/harness/engine';
import { runNode } from '../test/harness/engine';
import { FreepikServer } from '../test/servers/freepikServer';
import { NovitaServer, SEEDREAM_PATH, TASK_RESULT_PATH } from '../test/servers/novitaServer';
import { NOVITA_MODELS } from '../nodes/Novita/models';
import { OpenAiServer } from '../test/servers/openAiServer';
import { loadN8nNodesBase } from './n8nNodesBase';
import { RemoteNovita } from './novitaProcess';
import { novitaReimagineSpec } from './novitaSpec';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const rows: string[][] = [];
const novita = new RemoteNovita();
const freepik = new FreepikServer();
const openai = new OpenAiServer();
/** In-process, for P5's poll timestamps (P1–P4 use the Novita server in a process of its own). */
const novitaTasks = new NovitaServer();

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function row(
	scenario: string,
	subject: string,
	figure: string,
	reference: string,
	ratio: number | undefined,
	target: string,
) {
	rows.push([
		scenario,
		subject,
		figure,
		reference,
		ratio === undefined ? '—' : ratio.toFixed(2),
		target,
	]);
	console.log(
		`  ${scenario} | ${subject} | ${figure} | ${reference} | ${ratio === undefined ? '—' : ratio.toFixed(2)} | ${target}`,
	);
}

function items(count: number, image: Buffer): InputItem[] {
	return Array.from({ length: count }, () => ({
		binary: { data: { data: image, fileName: 'in.png', mimeType: 'image/png' } },
	}));
}

/** Our node, Novita Reimagine, with the given options. */
function ours(input: InputItem[], options: Record<string, unknown>): RunSpec {
	return novitaReimagineSpec(input, { apiKey: novita.apiKey, baseUrl: novita.baseUrl }, options);
}

/** The same call built with n8n's own nodes, as a user would: Extract From File (binary → base64) → HTTP Request. */
function httpRequest(
	input: InputItem[],
	options: Record<string, unknown> = {},
	retryOnFail = false,
): RunSpec {
	return {
		nodeType: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		before: [
			{
				type: 'n8n-nodes-base.extractFromFile',
				typeVersion: 1,
				parameters: {
					operation: 'binaryToPropery',
					binaryPropertyName: 'data',
					destinationKey: 'image',
				},
			},
		],
		parameters: {
			method: 'POST',
			url: `${novita.baseUrl}/v3/reimagine`,
			sendHeaders: true,
			headerParameters: {
				parameters: [{ name: 'Authorization', value: `Bearer ${novita.apiKey}` }],
			},
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody:
				'={{ JSON.stringify({ image_file: $json.image, extra: { response_image_type: "png" } }) }}',
			options,
		} as never,
		items: input,
		credentials: {},
		// A user relying on Retry On Fail keeps "On Error: Stop" so that the node fails and is retried.
		continueOnFail: !retryOnFail,
		retryOnFail,
	};
}

/**
 * One run: `ms` is the whole workflow (with HTTP Request that includes its Extract From File step),
 * `nodeMs` the node under test alone, from its start to its end, which is what an ideal or a server
 * minimum describes (storing 100 input binaries before it is Test Input's work, not the node's).
 */
async function timed(
	spec: RunSpec,
): Promise<{ ms: number; nodeMs: number; ok: number; failed: number }> {
	let nodeStart = 0;
	let nodeMs = 0;
	const start = performance.now();
	const result = await runNode({
		...spec,
		onNodeStart: () => (nodeStart = performance.now()),
		onNodeEnd: () => (nodeMs = performance.now() - nodeStart),
	});
	const ms = performance.now() - start;
	// A failed node (no continueOnFail) loses every item.
	const failed =
		result.error && result.status !== 'success'
			? spec.items!.length
			: result.items.filter((item) => item.json.error !== undefined).length;
	return { ms, nodeMs, ok: spec.items!.length - failed, failed };
}

async function medianOf(spec: () => RunSpec) {
	const runs = [];
	for (let i = 0; i < RUNS; i++) runs.push(await timed(spec()));
	return {
		ms: median(runs.map((r) => r.ms)),
		nodeMs: median(runs.map((r) => r.nodeMs)),
		ok: Math.min(...runs.map((r) => r.ok)),
		failed: Math.max(...runs.map((r) => r.failed)),
	};
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The body a bare client sends: the one the node builds, encoded beforehand. */
function novitaBody(image: Buffer): string {
	return JSON.stringify({
		image_file: image.toString('base64'),
		extra: { response_image_type: 'png' },
	});
}

/** One bare request of a prepared body: the reference the node is set against. */
async function postPrepared(body: string): Promise<void> {
	await axios.post(`${novita.baseUrl}/v3/reimagine`, body, {
		headers: { authorization: `Bearer ${novita.apiKey}`, 'content-type': 'application/json' },
		maxBodyLength: Infinity,
	});
}

/** Median wall of 100 bare requests, c at a time, with the body prepared beforehand. */
async function bareClient(image: Buffer, c: number): Promise<number> {
	const body = novitaBody(image);
	const runs: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		let next = 0;
		const start = performance.now();
		await Promise.all(
			Array.from({ length: c }, async () => {
				while (next < 100) {
					next++;
					await postPrepared(body);
				}
			}),
		);
		runs.push(performance.now() - start);
	}
	return median(runs);
}

async function p1() {
	const image = makePng(64, 64);
	await novita.set({ latencyMs: 200 });
	const http = await medianOf(() => httpRequest(items(100, image)));
	row('P1 throughput', 'HTTP Request (all at once)', s(http.ms), '—', undefined, '');
	const all = await medianOf(() => ours(items(100, image), { concurrency: 100 }));
	row(
		'P1 throughput',
		'ours, concurrency 100',
		s(all.ms),
		`HTTP Request ${s(http.ms)}`,
		all.ms / http.ms,
		'≤ 1.10',
	);
	for (const c of [20, 5, 1]) {
		const ideal = Math.ceil(100 / c) * 200;
		const run = await medianOf(() => ours(items(100, image), { concurrency: c }));
		row(
			'P1 throughput',
			`ours, concurrency ${c} (node time; whole run ${s(run.ms)})`,
			s(run.nodeMs),
			`ideal ${s(ideal)}`,
			run.nodeMs / ideal,
			'≤ 1.20',
		);
		if (c > 1) {
			// What the server and loopback allow any client: prepared bodies, c requests at a time.
			const floor = await bareClient(image, c);
			row(
				'P1 throughput',
				`bare axios, concurrency ${c}, prepared body`,
				s(floor),
				`ideal ${s(ideal)}`,
				floor / ideal,
				'reported',
			);
		}
	}
	await novita.set({ latencyMs: 0 });
}

async function p2() {
	const image = makePng(64, 64);
	const k = 5;
	await novita.set({ latencyMs: 200, maxConcurrent: k, limitRetryAfter: '1' });
	const minimum = Math.ceil(100 / k) * 200;
	const cases: Array<[string, Record<string, unknown>, string]> = [
		['concurrency 5, Max Retries 10', { concurrency: 5, maxRetries: 10 }, '100 % ok, ≤ 1.25'],
		['concurrency 20, Max Retries 10', { concurrency: 20, maxRetries: 10 }, '100 % ok, ≤ 1.25'],
		['concurrency 20, default Max Retries (2)', { concurrency: 20 }, 'reported'],
		['defaults (concurrency 3)', {}, 'reported'],
	];
	for (const [label, options, target] of cases) {
		await novita.set({});
		const run = await medianOf(() => ours(items(100, image), options));
		// Every paid request the server took, over all runs: a refused (429) one costs nothing.
		const charges = (await novita.charges()) / RUNS;
		row(
			'P2 rate limit k=5, Retry-After 1 s',
			`ours, ${label}: ${run.ok}/100 ok, ${charges} charges per run (node time)`,
			s(run.nodeMs),
			`server minimum ${s(minimum)}`,
			run.nodeMs / minimum,
			target,
		);
	}
	const http = await medianOf(() => httpRequest(items(100, image), {}, true));
	row(
		'P2 rate limit k=5, Retry-After 1 s',
		`HTTP Request, Retry On Fail (3 tries, 1 s), ${http.ok}/100 ok, ${100 - http.ok} lost`,
		s(http.ms),
		`server minimum ${s(minimum)}`,
		http.ms / minimum,
		'reported',
	);
	await novita.set({ latencyMs: 0, maxConcurrent: undefined, limitRetryAfter: undefined });
}

/** P3 runs are a few milliseconds each: more of them, alternating, so drift hits both sides alike. */
const P3_RUNS = Math.max(RUNS, 15);

async function p3() {
	const scratch = mkdtempSync(join(process.env.N8N_USER_FOLDER ?? tmpdir(), 'p3-'));
	for (const mb of [1, 20]) {
		const image = makePng(64, 64, 1, mb * 1024 * 1024);
		const body = novitaBody(image);
		const file = join(scratch, `p3-${mb}.png`);
		await writeFile(file, image);
		const bare: number[] = [];
		const encodeAndStore: number[] = [];
		const ourRuns: number[] = [];
		for (let i = 0; i < P3_RUNS + 2; i++) {
			let start = performance.now();
			await postPrepared(body);
			const bareMs = performance.now() - start;
			// The work the bare request is spared: read the image from disk, encode the body, write a result file.
			start = performance.now();
			const encoded = novitaBody(await readFile(file));
			await writeFile(`${file}.out`, encoded.slice(0, 4096));
			const encodeMs = performance.now() - start;
			// The node's time is its whole run: read the binary, validate, encode, send, store the result.
			let nodeMs = 0;
			await runNode({
				...ours(items(1, image), {}),
				onNodeStart: () => (start = performance.now()),
				onNodeEnd: () => (nodeMs = performance.now() - start),
			});
			if (i < 2) continue; // warm-up
			bare.push(bareMs);
			encodeAndStore.push(encodeMs);
			ourRuns.push(nodeMs);
		}
		const ratio = median(ourRuns) / median(bare);
		row(
			'P3 overhead, 1 item',
			`ours, ${mb} MB image`,
			`${median(ourRuns).toFixed(1)} ms`,
			`bare axios ${median(bare).toFixed(1)} ms`,
			ratio,
			mb === 1 ? '≤ 1.10' : '≤ 1.25',
		);
		row(
			'P3 overhead, 1 item',
			`bare axios + reading the ${mb} MB file, encoding the body, writing a file`,
			`${(median(bare) + median(encodeAndStore)).toFixed(1)} ms`,
			`bare axios ${median(bare).toFixed(1)} ms`,
			(median(bare) + median(encodeAndStore)) / median(bare),
			'reported',
		);
	}
}

/** P4 runs in a child process so the contract server's memory is not counted. */
function memoryChild(args: Record<string, string>): Promise<{
	peakMb: number;
	heldPeakMb: number;
	livePeakMb: number;
	baselineMb: number;
	ok: number;
}> {
	return new Promise((resolve, reject) => {
		const child = fork(require.resolve('./memoryChild.ts'), [], {
			execArgv: [
				'-r',
				require.resolve('../scripts/ts-register.js'),
				'--expose-gc',
				...(process.env.CHILD_NODE_OPTIONS?.split(' ') ?? []),
			],
			env: {
				...process.env,
				...args,
				NOVITA_URL: novita.baseUrl,
				NOVITA_KEY: novita.apiKey,
				OPENAI_URL: openai.baseUrl,
				OPENAI_KEY: openai.apiKey,
			},
		});
		child.on('message', (message) =>
			resolve(
				message as {
					peakMb: number;
					heldPeakMb: number;
					livePeakMb: number;
					baselineMb: number;
					ok: number;
				},
			),
		);
		child.on('error', reject);
		child.on('exit', (code) =>
			code ? reject(new Error(`memory child exited ${code}`)) : undefined,
		);
	});
}

/** P4 peaks are tens of MB and depend on when V8 happens to collect: the median of more runs. */
const P4_RUNS = Math.max(RUNS, 5);

async function memoryPeak(items: number, imageMb: number, extra: Record<string, string> = {}) {
	const runs = [];
	for (let i = 0; i < P4_RUNS; i++)
		runs.push(await memoryChild({ ITEMS: String(items), IMAGE_MB: String(imageMb), ...extra }));
	return {
		peakMb: median(runs.map((r) => r.peakMb)),
		heldPeakMb: median(runs.map((r) => r.heldPeakMb)),
		livePeakMb: median(runs.map((r) => r.livePeakMb)),
		ok: Math.min(...runs.map((r) => r.ok)),
		all: runs.map((r) => r.peakMb.toFixed(0)).join(', '),
	};
}

/** The largest image the Edits API's JSON form takes: its data: URL may hold 20,971,520 characters. */
const EDITS_JSON_MAX_MB = (((20_971_520 - 'data:image/png;base64,'.length) / 4) * 3) / 2 ** 20;

async function p4Edits() {
	for (const [uploadAs, imageMb] of [
		['json', Math.floor(EDITS_JSON_MAX_MB * 100) / 100],
		['multipart', 20],
	] as const) {
		const peak = await memoryPeak(1, imageMb, { SUBJECT: 'openaiEdits', UPLOAD_AS: uploadAs });
		// The larger of the two figures: RSS above baseline, or heap plus Buffers above baseline.
		const worst = Math.max(peak.peakMb, peak.heldPeakMb);
		row(
			'P4 memory',
			`OpenAI Edits, ${uploadAs === 'json' ? 'JSON form' : 'Multipart'}: one ${imageMb} MB PNG, peak above baseline (${peak.ok} ok; RSS runs ${peak.all} MB, median ${peak.peakMb.toFixed(0)}; heap + Buffers median ${peak.heldPeakMb.toFixed(0)} MB)`,
			`${worst.toFixed(0)} MB`,
			`${imageMb} MB image`,
			worst / imageMb,
			uploadAs === 'json' ? '≤ 2.0' : 'reported',
		);
	}
}

/**
 * P10: one item of 16 images of 5 MB (the most OpenAI Edits takes), in both body forms. The images
 * are read one after another and streamed, so the peak should stay near one image, not sixteen.
 */
async function p10() {
	const imageMb = 5;
	for (const uploadAs of ['json', 'multipart'] as const) {
		const form = uploadAs === 'json' ? 'JSON form' : 'Multipart';
		const settings = { SUBJECT: 'openaiEdits', UPLOAD_AS: uploadAs, IMAGES_PER_ITEM: '16' };
		const peak = await memoryPeak(1, imageMb, settings);
		row(
			'P10 memory, several images',
			`OpenAI Edits, ${form}: one item of 16 × ${imageMb} MB PNGs (${16 * imageMb} MB), peak RSS above baseline (${peak.ok} ok; runs ${peak.all} MB; heap + Buffers median ${peak.heldPeakMb.toFixed(0)} MB)`,
			`${peak.peakMb.toFixed(0)} MB`,
			`one ${imageMb} MB image`,
			peak.peakMb / imageMb,
			'≤ 3.0',
		);
		const live = await memoryPeak(1, imageMb, { ...settings, LIVE: '1' });
		row(
			'P10 memory, several images',
			`OpenAI Edits, ${form}: the same, live memory (heap + Buffers after a full collection every 20 ms, median of ${P4_RUNS})`,
			`${live.livePeakMb.toFixed(1)} MB`,
			`one ${imageMb} MB image`,
			live.livePeakMb / imageMb,
			'≤ 3.0',
		);
	}
}

async function p4() {
	const one = await memoryPeak(1, 30);
	row(
		'P4 memory',
		`one 30 MB image, peak RSS above baseline (${one.ok} ok; runs ${one.all} MB)`,
		`${one.peakMb.toFixed(0)} MB`,
		'30 MB image',
		one.peakMb / 30,
		'≤ 5.0',
	);
	const fifty = await memoryPeak(50, 5);
	row(
		'P4 memory',
		`50 × 5 MB, peak RSS above baseline (${fifty.ok} ok; runs ${fifty.all} MB)`,
		`${fifty.peakMb.toFixed(0)} MB`,
		'—',
		undefined,
		'',
	);
	for (const count of [200, 400]) {
		const many = await memoryPeak(count, 5);
		row(
			'P4 memory',
			`${count} × 5 MB, peak RSS above baseline (${many.ok} ok; runs ${many.all} MB)`,
			`${many.peakMb.toFixed(0)} MB`,
			`50 items ${fifty.peakMb.toFixed(0)} MB`,
			many.peakMb / fifty.peakMb,
			count === 200 ? '≤ 1.20' : 'reported',
		);
	}
}

/** One P5 row: how long after the task completed its last poll noticed it, against the interval then. */
function pollRow(scenario: string, completeAfterS: number, createdAt: number, polls: number[]) {
	const detected = polls[polls.length - 1] - createdAt;
	const delay = detected - completeAfterS * 1000;
	const lastGap =
		polls.length > 1 ? polls[polls.length - 1] - polls[polls.length - 2] : polls[0] - createdAt;
	row(
		scenario,
		`task done after ${completeAfterS} s: ${polls.length} polls`,
		`detected +${(delay / 1000).toFixed(2)} s`,
		`interval then ${(lastGap / 1000).toFixed(2)} s`,
		delay / lastGap,
		'≤ 1.00 (one interval)',
	);
}

/**
 * The Freepik node on one 64 × 64 PNG, polling every second (up to 120 s), URLs only: a P5 run of
 * any of its models, `parameters` choosing the model.
 */
async function runFreepikPolled(parameters: Record<string, unknown>) {
	const result = await runNode({
		nodeType: 'freepikReimagineFlux',
		parameters: {
			...parameters,
			inputSource: 'binary',
			binaryPropertyName: 'data',
			downloadImages: false,
			options: { pollIntervalSeconds: 1, maxWaitSeconds: 120 },
		} as never,
		items: items(1, makePng(64, 64)),
		credentials: {
			freepikApi: {
				apiKey: freepik.apiKey,
				host: 'custom',
				baseUrl: freepik.baseUrl,
				headerName: 'x-freepik-api-key',
			},
		},
	});
	if (result.status !== 'success') throw new Error(`P5 run failed: ${result.error?.message}`);
}

/** When the Freepik server answered each status check of a task submitted at `path`. */
const pollTimes = (path: string) =>
	freepik.requests
		.filter((r) => r.method === 'GET' && r.path.startsWith(`${path}/`))
		.map((r) => r.at);

async function p5() {
	for (const completeAfterS of [1, 3, 6, 12]) {
		freepik.reset();
		freepik.behaviour = {
			...freepik.behaviour,
			initialStatus: 'IN_PROGRESS',
			completeAfterMs: completeAfterS * 1000,
		};
		await runFreepikPolled({ aspectRatio: 'original' });
		pollRow(
			'P5 Freepik polling, interval 1 s',
			completeAfterS,
			freepik.requests.find((r) => r.method === 'POST')!.at,
			pollTimes('/v1/ai/beta/text-to-image/reimagine-flux'),
		);
	}
}

/**
 * P5 for Magnific's asynchronous models on the Freepik node (Flux Kontext, Seedream 4.5 Edit, Nano
 * Banana): the same question, through the same shared poller. The models' paths are written here
 * as Magnific's pages give them.
 */
async function p5Magnific() {
	const models = [
		['fluxKontextPro', 'Flux Kontext Pro', 'flux-kontext-pro'],
		['fluxKontextMax', 'Flux Kontext Max', 'flux-kontext-max'],
		['seedream45Edit', 'Seedream 4.5 Edit', 'seedream-v4-5-edit'],
		['nanoBananaPro', 'Nano Banana Pro', 'nano-banana-pro'],
		['nanoBananaProFlash', 'Nano Banana Pro Flash', 'nano-banana-pro-flash'],
	];
	for (const [model, name, slug] of models)
		for (const completeAfterS of [1, 3, 6, 12]) {
			freepik.reset();
			freepik.modelBehaviour = {
				...freepik.modelBehaviour,
				completeAfterMs: completeAfterS * 1000,
			};
			const path = `/v1/ai/text-to-image/${slug}`;
			await runFreepikPolled({ model, prompt: 'a watercolour painting' });
			pollRow(
				`P5 Magnific ${name} polling, interval 1 s`,
				completeAfterS,
				freepik.requestsTo(`POST ${path}`)[0].at,
				pollTimes(path),
			);
		}
}

/** P5 for each asynchronous Novita model (Qwen Image Edit, FLUX.1 Kontext): the same question, through the same shared poller. */
async function p5Novita() {
	const intervalS = 1;
	for (const model of NOVITA_MODELS.filter((one) => one.answer === 'task'))
		for (const completeAfterS of [1, 3, 6, 12]) {
			novitaTasks.reset();
			novitaTasks.models = { ...novitaTasks.models, completeAfterMs: completeAfterS * 1000 };
			const result = await runNode(
				novitaModelSpec(model.engine, items(1, makePng(64, 64)), {
					pollIntervalSeconds: intervalS,
					maxWaitSeconds: 120,
				}),
			);
			if (result.status !== 'success') throw new Error(`P5 run failed: ${result.error?.message}`);
			pollRow(
				`P5 Novita ${model.displayName} polling, interval 1 s`,
				completeAfterS,
				novitaTasks.requestsTo(`POST ${model.path}`)[0].at,
				novitaTasks.requestsTo(`GET ${TASK_RESULT_PATH}`).map((r) => r.at),
			);
		}
}

/** Novita Reimagine (version 2) on a model engine, against the in-process Novita server. */
function novitaModelSpec(
	engine: string,
	input: InputItem[],
	options: Record<string, unknown>,
): RunSpec {
	return {
		nodeType: 'novitaReimagine',
		typeVersion: 2,
		parameters: { engine, inputSource: 'binary', binaryPropertyName: 'data', options } as never,
		items: input,
		credentials: { novitaApi: { apiKey: novitaTasks.apiKey, baseUrl: novitaTasks.baseUrl } },
		continueOnFail: true,
	};
}

/**
 * P1 for Seedream 4.5, the synchronous model: 100 items at concurrency 20 against a server that
 * answers in 200 ms, each item one request and one download of its image (also 200 ms), against
 * the ideal ceil(100 / 20) × 400 ms.
 */
async function p1Seedream() {
	novitaTasks.reset();
	novitaTasks.latencyMs = 200;
	const ideal = Math.ceil(100 / 20) * 400;
	const run = await medianOf(() =>
		novitaModelSpec('seedream45', items(100, makePng(64, 64)), { concurrency: 20 }),
	);
	if (run.ok !== 100) throw new Error(`P1 Seedream: ${run.failed} of 100 items failed`);
	if (novitaTasks.requestsTo(`POST ${SEEDREAM_PATH}`).length !== 100 * RUNS)
		throw new Error('P1 Seedream: not one request per item');
	row(
		'P1 throughput, Seedream 4.5',
		`ours, concurrency 20, answer and download 200 ms each (node time; whole run ${s(run.ms)})`,
		s(run.nodeMs),
		`ideal ${s(ideal)}`,
		run.nodeMs / ideal,
		'reported',
	);
	novitaTasks.latencyMs = 0;
}

/**
 * P1 with several images: 100 items of 4 images each (All Binary Fields) on Seedream 4.5 at
 * concurrency 20, answer and download 200 ms each, against the ideal ceil(100 / 20) × 400 ms, and
 * beside the same run with one image per item. The server runs in its own process (as for P1), so
 * decoding four images per request is its work, not the node's.
 */
async function p1SeveralImages() {
	await novita.set({ latencyMs: 200 });
	const ideal = Math.ceil(100 / 20) * 400;
	const withImages = (count: number): InputItem[] =>
		Array.from({ length: 100 }, (_, i) => ({
			binary: Object.fromEntries(
				Array.from({ length: count }, (_, k) => [
					k ? `data_${k}` : 'data',
					{ data: makePng(64, 64, i + k), fileName: `in${k}.png`, mimeType: 'image/png' },
				]),
			),
		}));
	for (const count of [1, 4]) {
		await novita.set({ latencyMs: 200 });
		const run = await medianOf(() => ({
			...novitaModelSpec('seedream45', withImages(count), { concurrency: 20 }),
			parameters: {
				engine: 'seedream45',
				inputSource: 'allBinary',
				options: { concurrency: 20 },
			} as never,
			credentials: { novitaApi: { apiKey: novita.apiKey, baseUrl: novita.baseUrl } },
		}));
		const charges = await novita.charges();
		if (run.ok !== 100 || charges !== 100 * RUNS)
			throw new Error(
				`P1 several images: ${run.ok} of 100 ok, ${charges} requests in ${RUNS} runs`,
			);
		row(
			'P1 throughput, Seedream 4.5, server in its own process',
			`ours, concurrency 20, ${count} image${count > 1 ? 's' : ''} per item, answer and download 200 ms each (node time; whole run ${s(run.ms)})`,
			s(run.nodeMs),
			`ideal ${s(ideal)}`,
			run.nodeMs / ideal,
			count > 1 ? '≤ 1.25' : 'reported',
		);
	}
	await novita.set({ latencyMs: 0 });
}

async function main() {
	console.log(
		`n8n-nodes-ai-image benchmarks — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, median of ${RUNS} runs`,
	);
	await loadN8nNodesBase();
	await novita.start();
	await novita.set({ recordBodies: false });
	await freepik.start();
	await openai.start('/v1');
	await novitaTasks.start();
	openai.recordBodies = false;
	// Warm up both paths once (module loading, JIT) before measuring.
	await runNode(ours(items(2, makePng(64, 64)), {}));
	await runNode(httpRequest(items(2, makePng(64, 64))));
	const only = process.env.BENCH_ONLY?.split(',');
	for (const [name, scenario] of Object.entries({
		p1,
		p1Seedream,
		p1SeveralImages,
		p2,
		p3,
		p4,
		p4Edits,
		p10,
		p5,
		p5Novita,
		p5Magnific,
	})) {
		if (only && !only.includes(name)) continue;
		console.log(`${name}…`);
		await scenario();
	}
	console.log(
		'\n| scenario | subject | figure | reference | ratio | target |\n| --- | --- | --- | --- | --- | --- |',
	);
	for (const r of rows) console.log(`| ${r.join(' | ')} |`);
	await novita.stop();
	await freepik.stop();
	await openai.stop();
	await novitaTasks.stop();
	process.exit(0);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
