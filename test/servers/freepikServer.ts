import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import type { Handler, RecordedRequest, Reply } from './contractServer';
import { ContractServer } from './contractServer';
import { decodeStrictBase64, generatedImage, serverImageInfo } from './imageData';

export const TASK_PATH = '/v1/ai/beta/text-to-image/reimagine-flux';
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

	reset(): void {
		super.reset();
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

	protected routes(): Record<string, Handler> {
		return {
			[`POST ${TASK_PATH}`]: (req) => this.create(req),
			'GET /v1/ai/text-to-image/flux-dev': (req) =>
				this.authError(req) ?? { status: 200, body: { data: [] } },
		};
	}

	protected matchDynamic(req: RecordedRequest): Handler | undefined {
		if (req.method === 'GET' && req.path.startsWith(`${TASK_PATH}/`)) return (r) => this.poll(r);
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
}
