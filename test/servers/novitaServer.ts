import { randomUUID } from 'node:crypto';

import type { Handler, RecordedRequest, Reply } from './contractServer';
import { ContractServer } from './contractServer';
import { decodeStrictBase64, fetchBytes, generatedImage, serverImageInfo } from './imageData';

export const QWEN_PATH = '/v3/async/qwen-image-edit';
export const TASK_RESULT_PATH = '/v3/async/task-result';
const QWEN_FIELDS = ['prompt', 'image', 'seed', 'output_format'];
const MAX_SEED = 2_147_483_647;

/** How the next Qwen tasks behave. */
export interface QwenBehaviour {
	/** Task-result polls answering QUEUED / PROCESSING before the task ends. */
	pendingPolls: number;
	/** Set: the task ends this long after it was submitted instead (pendingPolls is ignored). */
	completeAfterMs?: number;
	/** Set: the task ends TASK_STATUS_FAILED with this reason. */
	failReason?: string;
	/** The result URLs have expired by the time they are fetched (403, as a signed URL does). */
	expiredResults?: boolean;
	/** Never ends (for Max Wait and cancellation). */
	stuck?: boolean;
	/** How `image` must be given; a host may take only one of the forms. */
	accepts: 'both' | 'url' | 'base64';
}

/** A Qwen task as the server keeps it. */
export interface QwenTask {
	id: string;
	prompt: string;
	/** The image as received: decoded base64, or fetched from the URL given. */
	image: Buffer;
	imageSentAs: 'url' | 'base64';
	seed: number;
	outputFormat: 'png' | 'jpeg' | 'webp';
	polls: number;
	createdAt: number;
	behaviour: QwenBehaviour;
}

const QWEN_DEFAULT: QwenBehaviour = { pendingPolls: 1, accepts: 'both' };

const IMAGE_TYPES = ['png', 'webp', 'jpeg'];
const MAX_BYTES = 30 * 1024 * 1024;

function error(status: number, reason: string, message: string): Reply {
	return { status, body: { code: status, reason, message, metadata: {} } };
}

/**
 * Novita AI's /v3/reimagine and /v3/replace-background as documented: Bearer auth, strict JSON
 * body validation, `{code, reason, message, metadata}` errors, base64 image answers.
 */
export class NovitaServer extends ContractServer {
	apiKey = 'novita-test-key';

	/** Endpoints this host no longer serves: they answer 404 API_NOT_FOUND. */
	readonly retired = new Set<string>();

	/** The next answers' image_file, overriding the generated image (e.g. invalid base64). */
	imageFileOverride?: string;

	/** Answer in this format whatever was asked (image_type says so truthfully), as a proxy may. */
	answerFormat?: 'png' | 'jpeg' | 'webp';

	/** How the next Qwen Image Edit tasks behave. */
	qwen: QwenBehaviour = { ...QWEN_DEFAULT };

	readonly tasks = new Map<string, QwenTask>();

	readonly files = new Map<string, { body: Buffer; type: string }>();

	reset(): void {
		super.reset();
		this.retired.clear();
		this.imageFileOverride = undefined;
		this.answerFormat = undefined;
		this.qwen = { ...QWEN_DEFAULT };
		this.tasks.clear();
		this.files.clear();
	}

	protected rateLimitReply(): Reply {
		return error(429, 'RATE_LIMIT_EXCEEDED', 'rate limit exceeded');
	}

	protected routes(): Record<string, Handler> {
		return {
			'POST /v3/reimagine': (req) => this.imageEndpoint(req, { maxSide: 1024, needsPrompt: false }),
			'POST /v3/replace-background': (req) =>
				this.imageEndpoint(req, { maxPixels: 2048 * 2048, maxSide: 4096, needsPrompt: true }),
			[`POST ${QWEN_PATH}`]: async (req) => await this.qwenSubmit(req),
			[`GET ${TASK_RESULT_PATH}`]: (req) => this.taskResult(req),
			'GET /openapi/v1/billing/balance/detail': (req) =>
				this.authError(req) ?? {
					status: 200,
					body: {
						availableBalance: '1000000',
						cashBalance: '800000',
						creditLimit: '200000',
						pendingCharges: '0',
						outstandingInvoices: '0',
					},
				},
		};
	}

	protected matchDynamic(req: RecordedRequest): Handler | undefined {
		if (req.method !== 'GET' || !req.path.startsWith('/files/')) return undefined;
		return (r) => {
			const file = this.files.get(r.path.slice('/files/'.length));
			if (!file) return { status: 404, body: 'Not found' };
			const task = this.tasks.get(r.path.slice('/files/'.length).split('_')[0]);
			if (task?.behaviour.expiredResults)
				return {
					status: 403,
					body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
					headers: { 'content-type': 'application/xml' },
				};
			return { status: 200, body: file.body, headers: { 'content-type': file.type } };
		};
	}

	protected notFound(): Reply {
		return error(404, 'API_NOT_FOUND', 'api not found');
	}

	private authError(req: RecordedRequest): Reply | undefined {
		const auth = req.headers.authorization;
		if (!auth) return error(400, 'MISSING_API_KEY', 'missing api-key');
		if (auth !== `Bearer ${this.apiKey}`) return error(403, 'INVALID_API_KEY', 'invalid api-key');
		return undefined;
	}

	/** The `image` field: an http(s) URL (fetched) or bare base64, as this host accepts them. */
	private async qwenImage(
		value: unknown,
	): Promise<{ bytes: Buffer; sentAs: 'url' | 'base64' } | Reply> {
		if (typeof value !== 'string' || !value)
			return error(400, 'INVALID_REQUEST_BODY', 'image is required');
		const isUrl = /^https?:\/\//.test(value);
		if (isUrl ? this.qwen.accepts === 'base64' : this.qwen.accepts === 'url')
			return error(
				400,
				'INVALID_IMAGE_FORMAT',
				isUrl ? 'image must be base64 encoded' : 'image must be a url',
			);
		const bytes = isUrl ? await fetchBytes(value) : decodeStrictBase64(value);
		if (!bytes)
			return error(
				400,
				'INVALID_REQUEST_BODY',
				isUrl ? 'failed to download image' : 'image is not valid base64',
			);
		if (bytes.length > MAX_BYTES)
			return error(400, 'IMAGE_FILE_EXCEEDS_MAX_SIZE', 'image file exceeds max size');
		const info = serverImageInfo(bytes);
		if (!info || info.format === 'gif')
			return error(400, 'INVALID_IMAGE_FORMAT', 'invalid image format');
		return { bytes, sentAs: isUrl ? 'url' : 'base64' };
	}

	private async qwenSubmit(req: RecordedRequest): Promise<Reply> {
		if (this.retired.has(req.path)) return this.notFound();
		const authError = this.authError(req);
		if (authError) return authError;
		if (!String(req.headers['content-type']).includes('application/json'))
			return error(400, 'INVALID_REQUEST_BODY', 'content type must be application/json');
		const body = req.json as Record<string, unknown> | undefined;
		if (!body || typeof body !== 'object' || Array.isArray(body))
			return error(400, 'INVALID_REQUEST_BODY', 'request body must be a JSON object');
		const unknown = Object.keys(body).filter((key) => !QWEN_FIELDS.includes(key));
		if (unknown.length)
			return error(400, 'INVALID_REQUEST_BODY', `unknown field(s): ${unknown.join(', ')}`);
		if (typeof body.prompt !== 'string' || !body.prompt.trim())
			return error(400, 'INVALID_REQUEST_BODY', 'prompt is required');
		const seed = body.seed ?? -1;
		if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < -1 || seed > MAX_SEED)
			return error(400, 'INVALID_REQUEST_BODY', `seed must be an integer in [-1, ${MAX_SEED}]`);
		const format = body.output_format ?? 'jpeg';
		if (typeof format !== 'string' || !IMAGE_TYPES.includes(format))
			return error(400, 'INVALID_REQUEST_BODY', 'output_format must be one of jpeg, png, webp');
		const image = await this.qwenImage(body.image);
		if (!('bytes' in image)) return image;
		const id = randomUUID();
		this.tasks.set(id, {
			id,
			prompt: body.prompt,
			image: image.bytes,
			imageSentAs: image.sentAs,
			seed: seed === -1 ? 1234567 : seed,
			outputFormat: format as QwenTask['outputFormat'],
			polls: 0,
			createdAt: performance.now(),
			behaviour: { ...this.qwen },
		});
		return { status: 200, body: { task_id: id } };
	}

	private taskResult(req: RecordedRequest): Reply {
		const authError = this.authError(req);
		if (authError) return authError;
		const id = req.query.get('task_id');
		if (!id) return error(400, 'INVALID_REQUEST_BODY', 'task_id is required');
		const task = this.tasks.get(id);
		if (!task) return error(404, 'TASK_NOT_FOUND', 'task not found');
		task.polls++;
		const { behaviour } = task;
		const pending =
			behaviour.stuck ||
			(behaviour.completeAfterMs === undefined
				? task.polls <= behaviour.pendingPolls
				: performance.now() - task.createdAt < behaviour.completeAfterMs);
		const status = pending
			? task.polls === 1
				? 'TASK_STATUS_QUEUED'
				: 'TASK_STATUS_PROCESSING'
			: behaviour.failReason
				? 'TASK_STATUS_FAILED'
				: 'TASK_STATUS_SUCCEED';
		const images = status === 'TASK_STATUS_SUCCEED' ? [this.resultFile(task)] : [];
		return {
			status: 200,
			body: {
				extra: { seed: String(task.seed), debug_info: {} },
				task: {
					task_id: id,
					task_type: 'QWEN_IMAGE_EDIT',
					status,
					reason: status === 'TASK_STATUS_FAILED' ? behaviour.failReason : '',
					eta: pending ? 5 : 0,
					progress_percent: pending ? 40 : 100,
				},
				images,
				videos: [],
				audios: [],
			},
		};
	}

	private resultFile(task: QwenTask) {
		const name = `${task.id}_0.${task.outputFormat}`;
		if (!this.files.has(name)) {
			const info = serverImageInfo(task.image);
			const image = generatedImage(task.outputFormat, info?.width, info?.height, task.seed);
			this.files.set(name, { body: image, type: `image/${task.outputFormat}` });
		}
		return {
			image_url: `${this.baseUrl}/files/${name}?X-Amz-Expires=3600&X-Amz-Signature=abc`,
			image_url_ttl: 3600,
			image_type: task.outputFormat,
		};
	}

	private imageEndpoint(
		req: RecordedRequest,
		limits: { maxSide: number; maxPixels?: number; needsPrompt: boolean },
	): Reply {
		if (this.retired.has(req.path)) return this.notFound();
		const authError = this.authError(req);
		if (authError) return authError;
		if (!String(req.headers['content-type']).includes('application/json')) {
			return error(400, 'INVALID_REQUEST_BODY', 'content type must be application/json');
		}
		const body = req.json as Record<string, unknown> | undefined;
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			return error(400, 'INVALID_REQUEST_BODY', 'request body must be a JSON object');
		}
		const allowed = new Set(['image_file', 'extra', ...(limits.needsPrompt ? ['prompt'] : [])]);
		const unknown = Object.keys(body).filter((key) => !allowed.has(key));
		if (unknown.length)
			return error(400, 'INVALID_REQUEST_BODY', `unknown field(s): ${unknown.join(', ')}`);
		if (limits.needsPrompt && (typeof body.prompt !== 'string' || !body.prompt.trim())) {
			return error(400, 'INVALID_REQUEST_BODY', 'prompt is required');
		}
		const extra = (body.extra ?? {}) as Record<string, unknown>;
		if (typeof extra !== 'object' || Array.isArray(extra))
			return error(400, 'INVALID_REQUEST_BODY', 'extra must be an object');
		const unknownExtra = Object.keys(extra).filter(
			(key) => !['response_image_type', 'enterprise_plan'].includes(key),
		);
		if (unknownExtra.length)
			return error(
				400,
				'INVALID_REQUEST_BODY',
				`unknown extra field(s): ${unknownExtra.join(', ')}`,
			);
		const imageType = (extra.response_image_type ?? 'png') as string;
		if (!IMAGE_TYPES.includes(imageType)) {
			return error(
				400,
				'INVALID_REQUEST_BODY',
				'extra.response_image_type must be one of png, webp, jpeg',
			);
		}
		const plan = extra.enterprise_plan as Record<string, unknown> | undefined;
		if (plan !== undefined && (typeof plan !== 'object' || typeof plan.enabled !== 'boolean')) {
			return error(400, 'INVALID_REQUEST_BODY', 'extra.enterprise_plan.enabled must be a boolean');
		}
		if (typeof body.image_file !== 'string' || !body.image_file) {
			return error(400, 'INVALID_REQUEST_BODY', 'image_file is required');
		}
		const image = decodeStrictBase64(body.image_file);
		if (!image) return error(400, 'INVALID_REQUEST_BODY', 'image_file is not valid base64');
		if (image.length > MAX_BYTES)
			return error(400, 'IMAGE_FILE_EXCEEDS_MAX_SIZE', 'image file exceeds max size');
		const info = serverImageInfo(image);
		if (!info || info.format === 'gif')
			return error(400, 'INVALID_IMAGE_FORMAT', 'invalid image format');
		if (
			info.width > limits.maxSide ||
			info.height > limits.maxSide ||
			(limits.maxPixels && info.width * info.height > limits.maxPixels)
		) {
			return error(400, 'IMAGE_EXCEEDS_MAX_RESOLUTION', 'image exceeds max resolution');
		}
		const format = this.answerFormat ?? (imageType as 'png');
		const output = generatedImage(format, info.width, info.height, this.requests.length);
		return {
			status: 200,
			body: { image_file: this.imageFileOverride ?? output.toString('base64'), image_type: format },
		};
	}
}
