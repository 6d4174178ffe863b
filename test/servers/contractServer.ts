import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface RecordedRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	body: Buffer;
	/** Parsed JSON body, when the body was JSON. */
	json?: unknown;
	/** Parsed multipart body, when the body was multipart/form-data. */
	form?: FormData;
	/** performance.now() when the request arrived: assert on spacing, not on wall time. */
	at: number;
	/** Status the server answered with (undefined if it dropped the connection). */
	status?: number;
	/** The body the server answered with, while bodies are recorded. */
	answer?: Buffer;
	route: string;
}

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Sent without Content-Length, in several chunks (Transfer-Encoding: chunked). */
	chunked?: boolean;
}

/** What a test can make the next request(s) to a route do instead of the normal answer. */
export type Fault =
	| { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
	| { kind: 'html'; status: number }
	| { kind: 'reset' }
	| { kind: 'resetMidBody' }
	/** An error page whose connection drops before the page is complete. */
	| { kind: 'errorPageCutOff'; status: number }
	| { kind: 'hang' }
	| { kind: 'truncated' }
	| { kind: 'malformedJson' }
	| { kind: 'delay'; ms: number }
	/**
	 * The request is taken and handled as usual (a paid one is charged), then its answer is lost:
	 * never sent (the client times out), the connection reset, or a gateway's error page instead.
	 */
	| { kind: 'afterAccept'; then: 'hang' | 'reset' | { status: number; body?: unknown } };

export type Handler = (req: RecordedRequest) => Promise<Reply> | Reply;

function sleep(ms: number) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A loopback HTTP server that implements a vendor API's documented contract, records every
 * request, and can be switched into failure modes. Vendor servers subclass it with routes.
 */
export abstract class ContractServer {
	readonly requests: RecordedRequest[] = [];

	/** Added before each answer. */
	latencyMs = 0;

	/** At most this many API requests handled at once (file routes aside); more are refused at once with 429 (and `limitRetryAfter`). */
	maxConcurrent?: number;

	limitRetryAfter?: string;

	/**
	 * API requests, accepted or refused by the concurrency limit, get no answer until this many have
	 * arrived: a first wave meets the limit all at once however slowly a loaded machine sends it, and
	 * no refusal reaches the client before the whole wave is sent, so what is refused depends on the
	 * client alone, not on timing.
	 */
	holdUntilArrivals?: number;

	/** The longest a request is held for `holdUntilArrivals`: a client that never sends the whole wave fails its test instead of hanging it. */
	static readonly MAX_HOLD_MS = 3000;

	/** The most API requests the server was handling at once (refusals aside). */
	peakInFlight = 0;

	private apiArrivals = 0;

	private readonly arrivalWaiters: Array<() => void> = [];

	/**
	 * The paid requests the server took: a POST to an API route that its handler answered with 2xx
	 * (an answer lost afterwards, by an afterAccept fault, still counts), less `freeRoutes()`.
	 */
	readonly charges: RecordedRequest[] = [];

	/** POST routes that cost nothing (e.g. asking for an upload URL). */
	protected freeRoutes(): string[] {
		return [];
	}

	/** Routes of hung requests whose connection the client closed (gave up, or was cancelled). */
	readonly abandoned: string[] = [];

	/** Off: request bodies are dropped once answered (benchmarks with many large uploads). */
	recordBodies = true;

	/** Files (assets, generated results) answered chunked, without Content-Length, as many CDNs do. */
	chunkedFiles = false;

	/**
	 * Headers that carry this vendor's credential. File routes are pre-signed or public URLs: like a
	 * signed-URL store, they refuse a request that also carries a credential.
	 */
	protected credentialHeaders(): string[] {
		return ['authorization'];
	}

	private inFlight = 0;

	private readonly faults = new Map<string, Fault[]>();

	/** Static files served at GET /assets/<name>, e.g. input images for the URL source. */
	readonly assets = new Map<string, { body: Buffer | string; contentType?: string }>();

	private readonly sockets = new Set<Socket>();

	private server?: Server;

	baseUrl = '';

	protected abstract routes(): Record<string, Handler>;

	/** Answer to a request refused by the concurrency limit, in the vendor's shape. */
	protected abstract rateLimitReply(): Reply;

	/**
	 * Queue faults for the next requests to a route ("POST /v3/reimagine"), to routes starting with a
	 * prefix ("GET /tasks/*", for ids not known in advance) or to any route ("*").
	 */
	fail(route: string, ...faults: Fault[]): this {
		this.faults.set(route, [...(this.faults.get(route) ?? []), ...faults]);
		return this;
	}

	/** Requests to a route key ("POST /v3/reimagine") or with a path prefix ("/files/"). */
	requestsTo(routeOrPrefix: string): RecordedRequest[] {
		return this.requests.filter(
			(r) => r.route === routeOrPrefix || r.path.startsWith(routeOrPrefix),
		);
	}

	reset(): void {
		this.requests.length = 0;
		this.abandoned.length = 0;
		this.charges.length = 0;
		this.matchedFaults.length = 0;
		this.faults.clear();
		this.assets.clear();
		this.latencyMs = 0;
		this.maxConcurrent = undefined;
		this.limitRetryAfter = undefined;
		this.holdUntilArrivals = undefined;
		this.apiArrivals = 0;
		this.peakInFlight = 0;
		this.releaseArrivalWaiters();
		this.chunkedFiles = false;
	}

	private releaseArrivalWaiters() {
		for (const release of this.arrivalWaiters.splice(0)) release();
	}

	/** Resolves once `holdUntilArrivals` API requests have arrived (at once when unset). */
	private async arrivals(): Promise<void> {
		if (this.apiArrivals >= (this.holdUntilArrivals ?? 0)) return;
		await new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, ContractServer.MAX_HOLD_MS);
			this.arrivalWaiters.push(() => {
				clearTimeout(timer);
				resolve();
			});
		});
	}

	/**
	 * Public or pre-signed files: input images (/assets/), generated results (/files/), and a
	 * vendor's upload storage (/storage/: signed PUTs and the assets they make).
	 */
	static isFileRoute(path: string): boolean {
		return (
			path.startsWith('/assets/') || path.startsWith('/files/') || path.startsWith('/storage/')
		);
	}

	/** Listens on 127.0.0.1; port 0 picks a free one. */
	async start(mountPath = '', port = 0): Promise<string> {
		this.server = createServer((req, res) => void this.handle(req, res, mountPath));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(port, '127.0.0.1', resolve);
		});
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${mountPath}`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	/** The route's own faults first, then those of the longest matching "GET /tasks/*" pattern ("*" last). */
	private readonly matchedFaults: Array<{
		route: string;
		matches: (req: RecordedRequest) => boolean;
		fault: Fault;
	}> = [];

	/** A fault for the next request to `route` that `matches` (e.g. one item's image), once. */
	failWhen(route: string, matches: (req: RecordedRequest) => boolean, fault: Fault): this {
		this.matchedFaults.push({ route, matches, fault });
		return this;
	}

	private nextFault(recorded: RecordedRequest): Fault | undefined {
		const matched = this.matchedFaults.findIndex(
			(entry) => entry.route === recorded.route && entry.matches(recorded),
		);
		if (matched >= 0) return this.matchedFaults.splice(matched, 1)[0].fault;
		const route = recorded.route;
		const patterns = [...this.faults.keys()]
			.filter((key) => key.endsWith('*') && route.startsWith(key.slice(0, -1)))
			.sort((a, b) => b.length - a.length);
		for (const key of [route, ...patterns]) {
			const queue = this.faults.get(key);
			if (queue?.length) return queue.shift();
		}
		return undefined;
	}

	private async readRequest(req: IncomingMessage, mountPath: string): Promise<RecordedRequest> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const body = Buffer.concat(chunks);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname.startsWith(mountPath)
			? url.pathname.slice(mountPath.length) || '/'
			: url.pathname;
		const recorded: RecordedRequest = {
			method: req.method ?? 'GET',
			path,
			query: url.searchParams,
			headers: req.headers,
			body,
			at: performance.now(),
			route: `${req.method} ${path}`,
		};
		const type = req.headers['content-type'] ?? '';
		if (type.includes('application/json') && body.length) {
			try {
				recorded.json = JSON.parse(body.toString('utf8'));
			} catch {
				recorded.json = undefined;
			}
		} else if (type.startsWith('multipart/form-data')) {
			try {
				recorded.form = await new Request('http://127.0.0.1/', {
					method: 'POST',
					headers: { 'content-type': type },
					body,
				}).formData();
			} catch {
				recorded.form = undefined;
			}
		}
		return recorded;
	}

	private send(res: ServerResponse, recorded: RecordedRequest, reply: Reply) {
		recorded.status = reply.status;
		const headers = { ...(reply.headers ?? {}) };
		let payload: Buffer;
		if (Buffer.isBuffer(reply.body)) {
			payload = reply.body;
		} else if (typeof reply.body === 'string') {
			payload = Buffer.from(reply.body);
			headers['content-type'] ??= 'text/plain; charset=utf-8';
		} else if (reply.body === undefined) {
			payload = Buffer.alloc(0);
		} else {
			payload = Buffer.from(JSON.stringify(reply.body));
			headers['content-type'] ??= 'application/json';
		}
		this.keepAnswer(recorded, payload);
		if (reply.chunked) {
			res.writeHead(reply.status, headers);
			const half = Math.ceil(payload.length / 2);
			res.write(payload.subarray(0, half));
			res.end(payload.subarray(half));
			return;
		}
		headers['content-length'] = String(payload.length);
		res.writeHead(reply.status, headers);
		res.end(payload);
	}

	/** Keeps the answer's body on the recorded request (kept only while bodies are recorded). */
	private keepAnswer(recorded: RecordedRequest, payload: Buffer) {
		if (this.recordBodies) recorded.answer = payload;
	}

	private async handle(req: IncomingMessage, res: ServerResponse, mountPath: string) {
		const recorded = await this.readRequest(req, mountPath);
		this.requests.push(recorded);
		// A concurrency limit refuses at once, as an API gateway does, without counting the refusal.
		// Files come from a CDN or store of their own, outside the API's limit.
		const isFile = ContractServer.isFileRoute(recorded.path);
		if (!isFile && ++this.apiArrivals >= (this.holdUntilArrivals ?? 0))
			this.releaseArrivalWaiters();
		if (!isFile && this.maxConcurrent !== undefined && this.inFlight >= this.maxConcurrent) {
			await this.arrivals();
			const reply = this.rateLimitReply();
			if (this.limitRetryAfter)
				reply.headers = { ...reply.headers, 'retry-after': this.limitRetryAfter };
			this.send(res, recorded, reply);
			this.dropBody(recorded);
			return;
		}
		if (!isFile) this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight);
		try {
			if (!isFile) await this.arrivals();
			if (this.latencyMs) await sleep(this.latencyMs);
			const fault = this.nextFault(recorded);
			const lostAnswer = fault?.kind === 'afterAccept' ? fault.then : undefined;
			if (fault && !lostAnswer && (await this.applyFault(fault, req, res, recorded))) return;
			const credential = this.credentialHeaders().find(
				(name) => recorded.headers[name] !== undefined,
			);
			if (isFile && credential) {
				this.send(res, recorded, {
					status: 400,
					body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed; a signed URL must not carry the ${credential} header</Message></Error>`,
					headers: { 'content-type': 'application/xml' },
				});
				return;
			}
			const asset =
				recorded.method === 'GET'
					? this.assets.get(recorded.path.replace(/^\/assets\//, ''))
					: undefined;
			let reply: Reply;
			if (asset && recorded.path.startsWith('/assets/')) {
				reply = {
					status: 200,
					body: Buffer.from(asset.body),
					headers: asset.contentType ? { 'content-type': asset.contentType } : {},
				};
			} else {
				const handler = this.routes()[recorded.route] ?? this.matchDynamic(recorded);
				reply = handler ? await handler(recorded) : this.notFound(recorded);
			}
			if (
				!isFile &&
				recorded.method === 'POST' &&
				reply.status >= 200 &&
				reply.status < 300 &&
				!this.freeRoutes().includes(recorded.route)
			)
				this.charges.push(recorded);
			if (lostAnswer) {
				await this.loseAnswer(lostAnswer, req, res, recorded);
				return;
			}
			this.send(res, recorded, isFile && this.chunkedFiles ? { ...reply, chunked: true } : reply);
		} catch (error) {
			this.send(res, recorded, {
				status: 500,
				body: { message: `contract server bug: ${String(error)}` },
			});
		} finally {
			if (!isFile) this.inFlight--;
			this.dropBody(recorded);
		}
	}

	/** What becomes of a taken request's answer under an afterAccept fault. */
	private async loseAnswer(
		then: Extract<Fault, { kind: 'afterAccept' }>['then'],
		req: IncomingMessage,
		res: ServerResponse,
		recorded: RecordedRequest,
	) {
		if (then === 'hang') {
			await this.applyFault({ kind: 'hang' }, req, res, recorded);
			return;
		}
		if (then === 'reset') {
			req.socket.destroy();
			return;
		}
		if (then.body === undefined) {
			await this.applyFault({ kind: 'html', status: then.status }, req, res, recorded);
			return;
		}
		this.send(res, recorded, { status: then.status, body: then.body });
	}

	private dropBody(recorded: RecordedRequest) {
		if (this.recordBodies) return;
		recorded.body = Buffer.alloc(0);
		recorded.json = undefined;
		recorded.form = undefined;
	}

	/** Routes with parameters (e.g. GET /tasks/{id}); subclasses override. */
	protected matchDynamic(_req: RecordedRequest): Handler | undefined {
		return undefined;
	}

	protected notFound(req: RecordedRequest): Reply {
		return { status: 404, body: { message: `No route for ${req.route}` } };
	}

	/** Returns true when the fault fully handled (or dropped) the request. */
	private async applyFault(
		fault: Fault,
		req: IncomingMessage,
		res: ServerResponse,
		recorded: RecordedRequest,
	) {
		switch (fault.kind) {
			case 'delay':
				await sleep(fault.ms);
				return false;
			case 'status':
				this.send(res, recorded, {
					status: fault.status,
					body: fault.body,
					headers: fault.headers,
				});
				return true;
			case 'html':
				this.send(res, recorded, {
					status: fault.status,
					body: `<html><head><title>${fault.status} Bad Gateway</title></head><body><center><h1>${fault.status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>`,
					headers: { 'content-type': 'text/html' },
				});
				return true;
			case 'reset':
				req.socket.destroy();
				return true;
			case 'resetMidBody':
				recorded.status = 200;
				res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
				res.write('{"image_file":"iVBORw0KGgo');
				await sleep(20);
				req.socket.destroy();
				return true;
			case 'errorPageCutOff':
				recorded.status = fault.status;
				res.writeHead(fault.status, { 'content-type': 'text/html', 'content-length': '100000' });
				res.write('<html><body><h1>This file has expired</h1><p>');
				await sleep(20);
				req.socket.destroy();
				return true;
			case 'truncated':
				recorded.status = 200;
				res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
				res.end('{"image_file":"iVBORw0KGgoAAAANSUhEUgAA');
				req.socket.end();
				return true;
			case 'malformedJson':
				this.send(res, recorded, {
					status: 200,
					body: '{"image_file": "iVBORw0KGgo", "image_type": png',
					headers: { 'content-type': 'application/json' },
				});
				return true;
			case 'afterAccept':
				return false;
			case 'hang':
				// Never answer; stop() destroys the socket. A client that gives up closes it first.
				res.once('close', () => {
					if (!res.writableEnded) this.abandoned.push(recorded.route);
				});
				return true;
		}
	}
}
