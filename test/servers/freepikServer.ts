import { createHmac, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import type { Handler, RecordedRequest, Reply } from './contractServer';
import { ContractServer } from './contractServer';
import { decodeStrictBase64, fetchBytes, generatedImage, serverImageInfo } from './imageData';
import type { MagnificContract } from './magnificModels';
import { MAGNIFIC_CONTRACTS, UPLOAD_IMAGE_TYPES } from './magnificModels';

export const TASK_PATH = '/v1/ai/beta/text-to-image/reimagine-flux';
/** The Webhook Secret the server signs its callbacks with, unless a test sets another. */
export const FREEPIK_WEBHOOK_SECRET = 'whk_3f9c1e7a5b2d40869e1c';
export const UPLOAD_REQUEST_PATH = '/v1/ai/uploads/request-url';
/** Signed upload URLs and asset URLs: file routes, so a request carrying the key is refused. */
const STORAGE_PREFIX = '/storage/upload/';
const UPLOADED_PREFIX = '/storage/asset/';
const IMAGINATION = ['wild', 'subtle', 'vivid'];
const ASPECT_RATIOS = [
	'original',
	'square_1_1',
	'classic_4_3',
	'traditional_3_4',
	'widescreen_16_9',
	'social_story_9_16',
	'standard_3_2',
	'portrait_2_3',
	'horizontal_2_1',
	'vertical_1_2',
	'social_post_4_5',
];

export interface TaskBehaviour {
	/** Status of the POST answer. */
	initialStatus: 'COMPLETED' | 'IN_PROGRESS' | 'CREATED' | 'FAILED';
	/** For async tasks: the GET answers this after N polls (or after `completeAfterMs`); never if both unset. */
	completeAfterPolls?: number;
	completeAfterMs?: number;
	finalStatus: 'COMPLETED' | 'FAILED';
	generatedCount: number;
	/** Whether bodies carry the documented `data` wrapper (the schema also allows it bare). */
	wrapData: boolean;
	hasNsfw?: boolean[];
	/** Whether GET {path}/{task_id} exists on this host (unverified upstream). */
	pollingSupported: boolean;
	/** Leaves `generated` out while it is empty, as a proxy dropping empty fields does. */
	omitEmptyGenerated?: boolean;
}

interface Task {
	id: string;
	polls: number;
	createdAt: number;
	files: string[];
	/** Stays IN_PROGRESS whatever the behaviour says (one stuck task among healthy ones). */
	stuck?: boolean;
}

/** How the asynchronous models' tasks go: CREATED at submit, then polled to their end. */
export interface ModelTaskBehaviour {
	/** The poll that answers the final status (the earlier ones answer IN_PROGRESS)… */
	completeAfterPolls: number;
	/** …or, when set, the first poll this long after the submit (benchmarks of the poller). */
	completeAfterMs?: number;
	finalStatus: 'COMPLETED' | 'FAILED';
	/** What a FAILED task says (the pages name no field; this server answers `error`). */
	failureReason?: string;
	generatedCount: number;
}

/** One image of a model task as the server read it, and how it came. */
export interface ReceivedImage {
	bytes: Buffer;
	/** A URL given by the user, an asset URL of an upload, or inline base64. */
	sentAs: 'url' | 'upload' | 'base64';
	/** Where it was in the body, e.g. "input_image_2" or "reference_images[0]". */
	field: string;
	mimeType?: string;
}

export interface ModelTask {
	path: string;
	id: string;
	polls: number;
	createdAt: number;
	files: string[];
	/** The body's fields besides the images. */
	fields: Record<string, unknown>;
	images: ReceivedImage[];
	/** With a webhook_url: when the task ends (performance.now()), and the server calls back. */
	endsAt?: number;
	webhookUrl?: string;
	calledBack?: boolean;
}

/** A call the server made to a task's webhook_url, and what it was answered. */
export interface Callback {
	taskId: string;
	url: string;
	/** The HTTP status answered, or undefined when no answer came. */
	status?: number;
	answer?: string;
	error?: string;
	headers: Record<string, string>;
	body: string;
}

/** An upload asked for: its signed type, and its bytes once PUT. */
interface Upload {
	contentType: string;
	bytes?: Buffer;
}

const UPLOAD_LENGTH_RANGE = '0,1073741824';

const DEFAULT_MODEL_BEHAVIOUR: ModelTaskBehaviour = {
	completeAfterPolls: 1,
	finalStatus: 'COMPLETED',
	generatedCount: 1,
};

const DEFAULT_BEHAVIOUR: TaskBehaviour = {
	initialStatus: 'COMPLETED',
	finalStatus: 'COMPLETED',
	generatedCount: 1,
	wrapData: true,
	pollingSupported: true,
};

/**
 * Freepik's (Magnific's) Reimagine Flux as documented: key header auth, strict body validation
 * with `{message}` and problem+json errors, sync or async task answers, polling, and the
 * generated images served from signed-looking URLs on the same host.
 */
export class FreepikServer extends ContractServer {
	apiKey = 'freepik-test-key';

	/** Header the key must arrive in (lower case, as Node reports headers). */
	keyHeader = 'x-freepik-api-key';

	behaviour: TaskBehaviour = { ...DEFAULT_BEHAVIOUR };

	readonly tasks = new Map<string, Task>();

	/** Generated file names that answer 404 (an expired signed URL). */
	readonly brokenFiles = new Set<string>();

	/** Generated files served padded to this many bytes (to exceed a download cap). */
	oversizeFileBytes?: number;

	modelBehaviour: ModelTaskBehaviour = { ...DEFAULT_MODEL_BEHAVIOUR };

	/** The asynchronous models' tasks, in the order they were submitted. */
	readonly modelTasks: ModelTask[] = [];

	readonly uploads = new Map<string, Upload>();

	/** Every signed upload URL has expired by the time it is used (400 ExpiredToken). */
	uploadUrlsExpired = false;

	/** What callbacks are signed with (Standard Webhooks: HMAC-SHA256 of the UTF-8 secret). */
	webhookSecret = FREEPIK_WEBHOOK_SECRET;

	/**
	 * A task given a webhook_url ends this long after its submit (the n-th task of a batch
	 * `callbackSpreadMs` later each), and the server then POSTs its body to the URL.
	 */
	callbackAfterMs = 300;
	callbackSpreadMs = 0;

	/** Whether the server calls back at all (off: a vendor that cannot reach the URL). */
	sendCallbacks = true;

	/** Calls to webhook_urls, in the order they were answered. */
	readonly callbacks: Callback[] = [];

	private readonly callbackTimers = new Set<NodeJS.Timeout>();

	reset(): void {
		super.reset();
		this.modelBehaviour = { ...DEFAULT_MODEL_BEHAVIOUR };
		this.modelTasks.length = 0;
		this.uploads.clear();
		this.uploadUrlsExpired = false;
		this.webhookSecret = FREEPIK_WEBHOOK_SECRET;
		this.callbackAfterMs = 300;
		this.callbackSpreadMs = 0;
		this.sendCallbacks = true;
		this.callbacks.length = 0;
		for (const timer of this.callbackTimers) clearTimeout(timer);
		this.callbackTimers.clear();
		this.behaviour = { ...DEFAULT_BEHAVIOUR };
		this.tasks.clear();
		this.brokenFiles.clear();
		this.oversizeFileBytes = undefined;
		this.keyHeader = 'x-freepik-api-key';
	}

	protected rateLimitReply(): Reply {
		return { status: 429, body: { message: 'Too many requests' } };
	}

	protected credentialHeaders(): string[] {
		return [
			'x-freepik-api-key',
			'x-magnific-api-key',
			this.keyHeader.toLowerCase(),
			'authorization',
		];
	}

	protected freeRoutes(): string[] {
		return [`POST ${UPLOAD_REQUEST_PATH}`];
	}

	protected routes(): Record<string, Handler> {
		const models = Object.keys(MAGNIFIC_CONTRACTS).flatMap((path) => [
			[`POST ${path}`, async (req: RecordedRequest) => await this.createModelTask(req, path)],
			[`GET ${path}`, (req: RecordedRequest) => this.listModelTasks(req, path)],
		]);
		return {
			...(Object.fromEntries(models) as Record<string, Handler>),
			[`POST ${UPLOAD_REQUEST_PATH}`]: (req) => this.requestUploadUrls(req),
			[`POST ${TASK_PATH}`]: (req) => this.create(req),
			'GET /v1/ai/text-to-image/flux-dev': (req) =>
				this.authError(req) ?? { status: 200, body: { data: [] } },
		};
	}

	protected matchDynamic(req: RecordedRequest): Handler | undefined {
		if (req.method === 'GET' && req.path.startsWith(`${TASK_PATH}/`)) return (r) => this.poll(r);
		const modelPath = Object.keys(MAGNIFIC_CONTRACTS).find((path) =>
			req.path.startsWith(`${path}/`),
		);
		if (req.method === 'GET' && modelPath) return (r) => this.pollModelTask(r, modelPath);
		if (req.method === 'PUT' && req.path.startsWith(STORAGE_PREFIX))
			return (r) => this.storagePut(r);
		if (req.method === 'GET' && req.path.startsWith(UPLOADED_PREFIX))
			return (r) => this.uploadedFile(r);
		if (req.method === 'GET' && req.path.startsWith('/files/')) return (r) => this.file(r);
		return undefined;
	}

	private authError(req: RecordedRequest): Reply | undefined {
		const key = req.headers[this.keyHeader];
		if (!key) return { status: 401, body: { message: 'Missing API key' } };
		if (key !== this.apiKey) return { status: 401, body: { message: 'Invalid API key' } };
		return undefined;
	}

	private problem(params: Array<{ name: string; reason: string }>): Reply {
		return {
			status: 400,
			headers: { 'content-type': 'application/problem+json' },
			body: { message: "Your request parameters didn't validate.", invalid_params: params },
		};
	}

	private create(req: RecordedRequest): Reply {
		const authError = this.authError(req);
		if (authError) return authError;
		const body = req.json as Record<string, unknown> | undefined;
		if (!body || typeof body !== 'object')
			return { status: 400, body: { message: 'Request body must be JSON' } };
		if (body.image === undefined)
			return { status: 400, body: { message: "Parameter 'image' is required" } };
		const invalid: Array<{ name: string; reason: string }> = [];
		const known = ['image', 'prompt', 'imagination', 'aspect_ratio', 'webhook_url'];
		for (const key of Object.keys(body))
			if (!known.includes(key)) invalid.push({ name: key, reason: 'Unknown parameter' });
		const image = decodeStrictBase64(body.image);
		if (!image || !serverImageInfo(image))
			invalid.push({ name: 'image', reason: "Parameter 'image' must be a base64 encoded image" });
		if (body.prompt !== undefined && typeof body.prompt !== 'string')
			invalid.push({ name: 'prompt', reason: 'Must be a string' });
		if (body.imagination !== undefined && !IMAGINATION.includes(body.imagination as string)) {
			invalid.push({ name: 'imagination', reason: `Must be one of ${IMAGINATION.join(', ')}` });
		}
		if (body.aspect_ratio !== undefined && !ASPECT_RATIOS.includes(body.aspect_ratio as string)) {
			invalid.push({ name: 'aspect_ratio', reason: `Must be one of ${ASPECT_RATIOS.join(', ')}` });
		}
		if (body.webhook_url !== undefined && !/^https?:\/\/[^\s]+$/.test(String(body.webhook_url))) {
			invalid.push({ name: 'webhook_url', reason: 'Must be a valid URI' });
		}
		if (invalid.length) return this.problem(invalid);

		const task: Task = { id: randomUUID(), polls: 0, createdAt: performance.now(), files: [] };
		for (let i = 0; i < this.behaviour.generatedCount; i++) task.files.push(`${task.id}-${i}.png`);
		this.tasks.set(task.id, task);
		return { status: 200, body: this.taskBody(task, this.behaviour.initialStatus) };
	}

	/** Registers a task that never completes and returns its id, for a fault body to hand out. */
	stuckTask(): string {
		const task: Task = {
			id: randomUUID(),
			polls: 0,
			createdAt: performance.now(),
			files: [],
			stuck: true,
		};
		this.tasks.set(task.id, task);
		return task.id;
	}

	private poll(req: RecordedRequest): Reply {
		if (!this.behaviour.pollingSupported) return { status: 404, body: { message: 'Not found' } };
		const authError = this.authError(req);
		if (authError) return authError;
		const task = this.tasks.get(req.path.slice(TASK_PATH.length + 1));
		if (!task) return { status: 404, body: { message: 'Task not found' } };
		task.polls++;
		const { completeAfterPolls, completeAfterMs } = this.behaviour;
		const done =
			!task.stuck &&
			((completeAfterPolls !== undefined && task.polls >= completeAfterPolls) ||
				(completeAfterMs !== undefined && performance.now() - task.createdAt >= completeAfterMs));
		return {
			status: 200,
			body: this.taskBody(task, done ? this.behaviour.finalStatus : 'IN_PROGRESS'),
		};
	}

	private taskBody(task: Task, status: string) {
		const generated =
			status === 'COMPLETED'
				? task.files.map((f) => `${this.baseUrl}/files/${f}?signature=abc123&expires=600`)
				: [];
		const data: Record<string, unknown> = { task_id: task.id, status, generated };
		if (generated.length === 0 && this.behaviour.omitEmptyGenerated) delete data.generated;
		if (status === 'COMPLETED' && this.behaviour.hasNsfw) data.has_nsfw = this.behaviour.hasNsfw;
		return this.behaviour.wrapData ? { data } : data;
	}

	private file(req: RecordedRequest): Reply {
		const name = req.path.slice('/files/'.length);
		if (this.brokenFiles.has(name)) {
			return {
				status: 404,
				body: '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
				headers: { 'content-type': 'application/xml' },
			};
		}
		const seed = Number(name.split('-').pop()?.replace('.png', '')) || 0;
		const png = generatedImage('png', 48, 32, seed + 1);
		if (this.oversizeFileBytes) {
			return {
				status: 200,
				body: Buffer.concat([png, Buffer.alloc(this.oversizeFileBytes - png.length)]),
				headers: { 'content-type': 'image/png' },
			};
		}
		return { status: 200, body: png, headers: { 'content-type': 'image/png' } };
	}

	/** POST /v1/ai/uploads/request-url: 1–14 files, each a content type; answers a signed slot each. */
	private requestUploadUrls(req: RecordedRequest): Reply {
		const authError = this.authError(req);
		if (authError) return authError;
		const files = (req.json as { files?: unknown } | undefined)?.files;
		if (!Array.isArray(files) || files.length < 1 || files.length > 14)
			return this.problem([{ name: 'files', reason: 'Must be a list of 1 to 14 files' }]);
		const invalid = files.flatMap((file, n) => {
			const type = (file as { content_type?: unknown } | null)?.content_type;
			const keys = Object.keys((file as object | null) ?? {});
			if (keys.some((key) => key !== 'content_type'))
				return [{ name: `files[${n}]`, reason: 'Unknown parameter' }];
			return typeof type === 'string' && UPLOAD_IMAGE_TYPES.includes(type)
				? []
				: [{ name: `files[${n}].content_type`, reason: 'Unsupported content type' }];
		});
		if (invalid.length) return this.problem(invalid);
		return {
			status: 200,
			body: {
				files: files.map((file) => {
					const id = `upl_img_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
					const contentType = (file as { content_type: string }).content_type;
					this.uploads.set(id, { contentType });
					return {
						file_id: id,
						upload_url: `${this.baseUrl}${STORAGE_PREFIX}${id}?X-Goog-Signature=sig${id}`,
						headers: {
							'Content-Type': contentType,
							'x-goog-content-length-range': UPLOAD_LENGTH_RANGE,
						},
						expires_in: 120,
						asset_url: `${this.baseUrl}${UPLOADED_PREFIX}${id}?token=tok${id}`,
						asset_url_expires_in: 86400,
					};
				}),
			},
		};
	}

	private storageError(code: string, message: string): Reply {
		return {
			status: code === 'ExpiredToken' ? 400 : 403,
			body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
			headers: { 'content-type': 'application/xml' },
		};
	}

	/** PUT to a signed upload URL: the signed headers exactly, no key (refused as a file route). */
	private storagePut(req: RecordedRequest): Reply {
		const id = req.path.slice(STORAGE_PREFIX.length);
		const upload = this.uploads.get(id);
		if (!upload || req.query.get('X-Goog-Signature') !== `sig${id}`)
			return this.storageError('SignatureDoesNotMatch', 'The request signature does not match');
		if (this.uploadUrlsExpired)
			return this.storageError('ExpiredToken', 'The provided token has expired');
		if (req.headers['content-type'] !== upload.contentType)
			return this.storageError(
				'SignatureDoesNotMatch',
				`Content-Type ${String(req.headers['content-type'])} is not the signed ${upload.contentType}`,
			);
		if (req.headers['x-goog-content-length-range'] !== UPLOAD_LENGTH_RANGE)
			return this.storageError(
				'SignatureDoesNotMatch',
				'x-goog-content-length-range is missing or not the signed value',
			);
		if (req.headers['content-length'] !== String(req.body.length))
			return this.storageError('MissingContentLength', 'Content-Length must give the body size');
		upload.bytes = Buffer.from(req.body);
		return { status: 200, body: '' };
	}

	/** The uploaded files whose asset URLs a request's body carries (which images a submit is for). */
	uploadsCarriedBy(req: RecordedRequest): Buffer[] {
		const ids = req.body.toString('latin1').match(/upl_img_[0-9a-f]+/g) ?? [];
		return ids.flatMap((id) => {
			const bytes = this.uploads.get(id)?.bytes;
			return bytes ? [bytes] : [];
		});
	}

	/** GET an asset URL: the uploaded bytes once the PUT completed. */
	private uploadedFile(req: RecordedRequest): Reply {
		const id = req.path.slice(UPLOADED_PREFIX.length);
		const upload = this.uploads.get(id);
		if (!upload?.bytes || req.query.get('token') !== `tok${id}`)
			return this.storageError('AccessDenied', 'No such object or the token is invalid');
		return { status: 200, body: upload.bytes, headers: { 'content-type': upload.contentType } };
	}

	/** One image of a model body: a URL fetched (an upload's asset URL included) or bare base64. */
	private async receivedImage(
		value: unknown,
		field: string,
		takesBase64: boolean,
		mimeType?: string,
	): Promise<ReceivedImage | { name: string; reason: string }> {
		if (typeof value !== 'string' || !value)
			return { name: field, reason: 'Must be a non-empty string' };
		if (/^https?:\/\//.test(value)) {
			const bytes = await fetchBytes(value);
			if (!bytes || !serverImageInfo(bytes))
				return { name: field, reason: 'The image URL could not be downloaded as an image' };
			const sentAs = value.startsWith(`${this.baseUrl}${UPLOADED_PREFIX}`) ? 'upload' : 'url';
			return { bytes, sentAs, field, ...(mimeType ? { mimeType } : {}) };
		}
		if (!takesBase64) return { name: field, reason: 'Must be a valid URI' };
		const bytes = decodeStrictBase64(value);
		if (!bytes || !serverImageInfo(bytes))
			return { name: field, reason: 'Must be an image URL or a base64 encoded image' };
		return { bytes, sentAs: 'base64', field };
	}

	/** The body's images where the contract puts them, each read; or the invalid_params they earn. */
	private async modelImages(
		contract: MagnificContract,
		body: Record<string, unknown>,
	): Promise<{
		images: ReceivedImage[];
		invalid: Array<{ name: string; reason: string }>;
		keys: string[];
	}> {
		const { images: spec } = contract;
		const found: Array<{ value: unknown; field: string; mimeType?: string; base64: boolean }> = [];
		const invalid: Array<{ name: string; reason: string }> = [];
		let keys: string[];
		if (spec.kind === 'inputImageFields') {
			keys = [
				'input_image',
				...Array.from({ length: spec.max - 1 }, (_, n) => `input_image_${n + 2}`),
			];
			for (const key of keys)
				if (body[key] !== undefined) found.push({ value: body[key], field: key, base64: false });
			if (spec.required && body.input_image === undefined)
				invalid.push({ name: 'input_image', reason: 'Field required' });
		} else {
			keys = ['reference_images'];
			const list = body.reference_images;
			const min = spec.kind === 'referenceStrings' ? spec.min : 0;
			if (list === undefined && min === 0) return { images: [], invalid, keys };
			if (!Array.isArray(list) || list.length < min || list.length > spec.max)
				return {
					images: [],
					invalid: [
						{ name: 'reference_images', reason: `Must be a list of ${min} to ${spec.max} images` },
					],
					keys,
				};
			for (const [n, entry] of list.entries()) {
				const field = `reference_images[${n}]`;
				if (spec.kind === 'referenceStrings') {
					found.push({ value: entry, field, base64: true });
					continue;
				}
				const object = (entry ?? {}) as Record<string, unknown>;
				const unknown = Object.keys(object).filter(
					(key) => !['image', 'mime_type', 'text'].includes(key),
				);
				if (typeof entry !== 'object' || unknown.length)
					invalid.push({
						name: field,
						reason: `Must be {image, mime_type?, text?}${unknown.length ? `; unknown ${unknown.join(', ')}` : ''}`,
					});
				else if (
					object.mime_type !== undefined &&
					!UPLOAD_IMAGE_TYPES.includes(object.mime_type as string)
				)
					invalid.push({
						name: `${field}.mime_type`,
						reason: 'Must be image/png, image/jpeg or image/webp',
					});
				else if (object.text !== undefined && typeof object.text !== 'string')
					invalid.push({ name: `${field}.text`, reason: 'Must be a string' });
				else
					found.push({
						value: object.image,
						field: `${field}.image`,
						mimeType: object.mime_type as string | undefined,
						base64: false,
					});
			}
		}
		const images: ReceivedImage[] = [];
		for (const one of found) {
			const read = await this.receivedImage(one.value, one.field, one.base64, one.mimeType);
			if ('bytes' in read) images.push(read);
			else invalid.push(read);
		}
		return { images, invalid, keys };
	}

	/** POST <model path>: the contract's fields strictly, the images read, a CREATED task. */
	private async createModelTask(req: RecordedRequest, path: string): Promise<Reply> {
		const authError = this.authError(req);
		if (authError) return authError;
		const contract = MAGNIFIC_CONTRACTS[path];
		const body = req.json as Record<string, unknown> | undefined;
		if (!body || typeof body !== 'object' || Array.isArray(body))
			return { status: 400, body: { message: 'Request body must be JSON' } };
		const { images, invalid, keys } = await this.modelImages(contract, body);
		const { prompt } = body;
		if (
			typeof prompt !== 'string' ||
			prompt.length < contract.prompt.min ||
			prompt.length > contract.prompt.max
		)
			invalid.push({
				name: 'prompt',
				reason:
					prompt === undefined
						? 'Field required'
						: `Must be a string of ${contract.prompt.min} to ${contract.prompt.max} characters`,
			});
		const fields: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(body)) {
			if (key === 'prompt' || keys.includes(key)) continue;
			const check = contract.fields[key];
			const problem = check ? check(value) : 'Unknown parameter';
			if (problem) invalid.push({ name: key, reason: problem });
			fields[key] = value;
		}
		if (invalid.length) return this.problem(invalid);
		const task: ModelTask = {
			path,
			id: randomUUID(),
			polls: 0,
			createdAt: performance.now(),
			files: [],
			fields: { prompt, ...fields },
			images,
		};
		for (let i = 0; i < this.modelBehaviour.generatedCount; i++)
			task.files.push(`${task.id}-${i}.png`);
		this.modelTasks.push(task);
		if (typeof body.webhook_url === 'string') this.scheduleCallback(task, body.webhook_url);
		return { status: 200, body: { data: { task_id: task.id, status: 'CREATED', generated: [] } } };
	}

	private modelTaskBody(task: ModelTask, status: string) {
		const generated =
			status === 'COMPLETED'
				? task.files.map(
						(f) => `${this.baseUrl}/files/${f}?X-Goog-Expires=600&X-Goog-Signature=abc`,
					)
				: [];
		const failed = status === 'FAILED' && this.modelBehaviour.failureReason;
		return {
			data: {
				task_id: task.id,
				status,
				generated,
				...(failed ? { error: this.modelBehaviour.failureReason } : {}),
			},
		};
	}

	/** GET <model path>/{task-id}: IN_PROGRESS until the behaviour's poll, then its final status. */
	private pollModelTask(req: RecordedRequest, path: string): Reply {
		const authError = this.authError(req);
		if (authError) return authError;
		const id = req.path.slice(path.length + 1);
		// A stuck task (stuckTask()) is one that never completes, whichever model it is polled as.
		if (this.tasks.get(id)?.stuck)
			return { status: 200, body: { data: { task_id: id, status: 'IN_PROGRESS', generated: [] } } };
		const task = this.modelTasks.find((one) => one.id === id && one.path === path);
		if (!task) return { status: 404, body: { message: 'Task not found' } };
		task.polls++;
		const done = this.modelTaskDone(task);
		return {
			status: 200,
			body: this.modelTaskBody(task, done ? this.modelBehaviour.finalStatus : 'IN_PROGRESS'),
		};
	}

	private modelTaskDone(task: ModelTask): boolean {
		const { completeAfterMs, completeAfterPolls } = this.modelBehaviour;
		if (task.endsAt !== undefined) return performance.now() >= task.endsAt;
		return completeAfterMs !== undefined
			? performance.now() - task.createdAt >= completeAfterMs
			: task.polls >= completeAfterPolls;
	}

	/** GET <model path>: the key's tasks of that model. */
	private listModelTasks(req: RecordedRequest, path: string): Reply {
		const authError = this.authError(req);
		if (authError) return authError;
		return {
			status: 200,
			body: {
				data: this.modelTasks
					.filter((task) => task.path === path)
					.map((task) => ({
						task_id: task.id,
						status: this.modelTaskDone(task) ? this.modelBehaviour.finalStatus : 'IN_PROGRESS',
					})),
			},
		};
	}

	/** The task ends after callbackAfterMs (+ its place in the batch × callbackSpreadMs), then calls back. */
	private scheduleCallback(task: ModelTask, url: string): void {
		const place = this.modelTasks.filter((one) => one.endsAt !== undefined).length;
		const delay = this.callbackAfterMs + place * this.callbackSpreadMs;
		task.endsAt = performance.now() + delay;
		task.webhookUrl = url;
		if (!this.sendCallbacks) return;
		const timer = setTimeout(() => {
			this.callbackTimers.delete(timer);
			void this.callBack(task, url);
		}, delay);
		this.callbackTimers.add(timer);
	}

	/**
	 * The documented callback: the task body without the `data` wrapper, signed the Standard
	 * Webhooks way (webhook-id, webhook-timestamp, webhook-signature "v1,<base64 HMAC-SHA256 of
	 * id.timestamp.body>"). The pages say nothing of retries: the server calls once.
	 */
	signedCallback(body: unknown, secret = this.webhookSecret, timestamp = Date.now()) {
		const raw = JSON.stringify(body);
		const id = `msg_${randomUUID()}`;
		const seconds = String(Math.floor(timestamp / 1000));
		const signature = createHmac('sha256', Buffer.from(secret, 'utf8'))
			.update(`${id}.${seconds}.${raw}`)
			.digest('base64');
		return {
			raw,
			headers: {
				'content-type': 'application/json',
				'webhook-id': id,
				'webhook-timestamp': seconds,
				'webhook-signature': `v1,${signature}`,
			},
		};
	}

	/**
	 * Ends every task still waiting for its callback and calls back for each: one after another,
	 * or all at the same moment (`together`).
	 */
	async deliverCallbacks({ together = false } = {}): Promise<void> {
		const due = this.modelTasks.filter((task) => task.webhookUrl && !task.calledBack);
		for (const task of due) task.endsAt = Math.min(task.endsAt ?? 0, performance.now());
		if (together) {
			await Promise.all(due.map(async (task) => await this.callBack(task, task.webhookUrl!)));
			return;
		}
		for (const task of due) await this.callBack(task, task.webhookUrl!);
	}

	private async callBack(task: ModelTask, url: string): Promise<void> {
		task.calledBack = true;
		const body = this.modelTaskBody(task, this.modelBehaviour.finalStatus).data;
		const { raw, headers } = this.signedCallback(body);
		const callback: Callback = { taskId: task.id, url, headers, body: raw };
		try {
			const response = await fetch(url, { method: 'POST', headers, body: raw });
			callback.status = response.status;
			callback.answer = await response.text();
		} catch (error) {
			callback.error = String(error);
		}
		this.callbacks.push(callback);
	}

	async stop(): Promise<void> {
		for (const timer of this.callbackTimers) clearTimeout(timer);
		this.callbackTimers.clear();
		await super.stop();
	}
}
