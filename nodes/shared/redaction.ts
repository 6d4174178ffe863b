import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

// APIs that reject a key often quote it back ("Incorrect API key provided: sk-…"), and gateways
// echo whole keys or Authorization headers in their error bodies. Nothing a server says may carry
// a secret into an error, an output item, the run data n8n stores, or a log line.

export const REDACTED = '[redacted]';

/** A run of this many characters of a secret is redacted wherever it appears (a prefix, say). */
export const SECRET_SLICE = 8;

/** Shorter secrets are redacted only where they appear whole; shorter still, not at all. */
const MIN_WHOLE_SECRET = 4;

// Tokens are at least 8 characters: "Bearer token required" is a sentence, not a secret.
const CREDENTIAL_TEXT: Array<[RegExp, string]> = [
	// "Authorization: <value>", "authorization=<value>", `"Authorization":"Basic <value>"`.
	[
		/\b(authorization)(["']?\s*[:=]\s*["']?)(?:(?:Bearer|Basic|Token)\s+)?[^\s"',;}]+/gi,
		`$1$2${REDACTED}`,
	],
	// A key header or field: "x-api-key: <value>", `"apiKey":"<value>"`, "api_key=<value>".
	[/\b([\w-]*api[-_]?key)(["']?\s*[:=]\s*["']?)[^\s"',;}]{8,}/gi, `$1$2${REDACTED}`],
	// "Bearer <token>" anywhere in a text.
	[/\b(Bearer)\s+[\w.~+/=-]{8,}/gi, `$1 ${REDACTED}`],
];

/** The values of a credential's password fields (typeOptions.password), however many it declares. */
export function secretValues(properties: readonly INodeProperties[], data: IDataObject): string[] {
	return properties
		.filter((property) => property.typeOptions?.password === true)
		.map((property) => data[property.name])
		.filter((value): value is string => typeof value === 'string' && value.trim() !== '');
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
	const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
	const merged: Array<[number, number]> = [];
	for (const [start, end] of sorted) {
		const last = merged[merged.length - 1];
		if (last && start <= last[1]) last[1] = Math.max(last[1], end);
		else merged.push([start, end]);
	}
	return merged;
}

/**
 * Replaces secrets in texts: every run of SECRET_SLICE or more characters of a secret (or of the
 * secret URL-encoded), overlapping and repeated ones merged into one [redacted], plus Bearer
 * tokens and Authorization or api-key values. Secrets are matched as plain text, never as regular
 * expressions, so a key holding `$`, `+` or `(` is matched like any other.
 */
export class Redactor {
	private readonly slices = new Set<string>();

	private readonly wholeOnly: string[] = [];

	constructor(secrets: readonly string[]) {
		for (const secret of secrets) {
			for (const form of new Set([secret, encodeURIComponent(secret)])) {
				if (form.length >= SECRET_SLICE) {
					for (let i = 0; i + SECRET_SLICE <= form.length; i++)
						this.slices.add(form.slice(i, i + SECRET_SLICE));
				} else if (form.length >= MIN_WHOLE_SECRET) {
					this.wholeOnly.push(form);
				}
			}
		}
	}

	text(text: string): string {
		const ranges: Array<[number, number]> = [];
		if (this.slices.size > 0) {
			for (let i = 0; i + SECRET_SLICE <= text.length; i++) {
				if (this.slices.has(text.slice(i, i + SECRET_SLICE))) ranges.push([i, i + SECRET_SLICE]);
			}
		}
		for (const secret of this.wholeOnly) {
			for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
				ranges.push([at, at + secret.length]);
			}
		}
		let result = text;
		for (const [start, end] of mergeRanges(ranges).reverse()) {
			result = `${result.slice(0, start)}${REDACTED}${result.slice(end)}`;
		}
		for (const [pattern, replacement] of CREDENTIAL_TEXT)
			result = result.replace(pattern, replacement);
		return result;
	}

	/** A copy of a JSON value with every string redacted (keys included). */
	value<T>(value: T): T {
		if (typeof value === 'string') return this.text(value) as T;
		if (Array.isArray(value)) return value.map((entry: unknown) => this.value(entry)) as T;
		if (isPlainObject(value)) {
			return Object.fromEntries(
				Object.entries(value).map(([key, entry]) => [this.text(key), this.value(entry)]),
			) as T;
		}
		return value;
	}

	/** The item with its JSON redacted; binary data is the node's own output and left as it is. */
	item(item: INodeExecutionData): INodeExecutionData {
		return { ...item, json: this.value(item.json) };
	}

	/**
	 * Redacts an error in place: message, description, stack, errorResponse, context, messages and
	 * the whole cause chain, non-enumerable properties included. `node` is n8n's own workflow node
	 * and is not touched.
	 */
	error<E>(error: E): E {
		this.scrubObject(error, new Set());
		return error;
	}

	private scrubObject(target: unknown, seen: Set<unknown>): void {
		if (typeof target !== 'object' || target === null || seen.has(target)) return;
		if (!(target instanceof Error) && !Array.isArray(target) && !isPlainObject(target)) return;
		seen.add(target);
		for (const key of Object.getOwnPropertyNames(target)) {
			if (key === 'node' && target instanceof Error) continue;
			const descriptor = Object.getOwnPropertyDescriptor(target, key);
			if (!descriptor || !('value' in descriptor) || !descriptor.writable) continue;
			const value: unknown = descriptor.value;
			if (typeof value === 'string') {
				const clean = this.text(value);
				if (clean !== value) (target as Record<string, unknown>)[key] = clean;
			} else {
				this.scrubObject(value, seen);
			}
		}
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

/** Without a credential: Bearer tokens and Authorization values only. */
const NO_SECRETS = new Redactor([]);

const runRedactors = new WeakMap<IExecuteFunctions, Redactor>();

/** Makes `redactor` the one every part of this node run redacts with (see redactorOf). */
export function bindRedactor(ctx: IExecuteFunctions, redactor: Redactor): Redactor {
	runRedactors.set(ctx, redactor);
	return redactor;
}

/** The run's redactor, for code that sees a server's text before it becomes an error. */
export function redactorOf(ctx: IExecuteFunctions): Redactor {
	return runRedactors.get(ctx) ?? NO_SECRETS;
}
