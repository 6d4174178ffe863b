import type { IDataObject } from 'n8n-workflow';

// Small helpers for text and JSON from outside: vendor answers, error pages, sizes in messages.

export function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

export function asString(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value : undefined;
}

/** An error body that is not JSON (an HTML error page from a proxy, say), reduced to one line. */
export function plainText(body: unknown, max = 200): string | undefined {
	if (typeof body !== 'string' || !body.trim()) return undefined;
	const text = body
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A value quoted in a message, cut to `max` characters. */
export function truncate(value: string, max = 120): string {
	return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** Items as a message lists them: "A", "A or B", "A, B or C". */
export function orList(items: readonly string[]): string {
	return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : items[0];
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
