// Freepik's API was rebranded as Magnific, with its own host and key header. One table for the
// credential (options, the header it sends, its test request) and the node (the base URL, in
// nodes/Freepik/transport/host.ts). It lives beside the credential, which imports nothing from nodes/.

export const FREEPIK_HOSTS = {
	freepik: { baseUrl: 'https://api.freepik.com', header: 'x-freepik-api-key' },
	magnific: { baseUrl: 'https://api.magnific.com', header: 'X-Magnific-API-Key' },
} as const;

export type FreepikHost = keyof typeof FREEPIK_HOSTS | 'custom';

// A credential saved before the Host field existed has no host: it gets Freepik's, as any
// unknown value does.

/** The header the key goes in for the credential's host choice (custom: its own header name). */
export function freepikKeyHeader(host: unknown, customHeader: unknown): string {
	if (host === 'custom') return String(customHeader || FREEPIK_HOSTS.freepik.header);
	return FREEPIK_HOSTS[host as keyof typeof FREEPIK_HOSTS]?.header ?? FREEPIK_HOSTS.freepik.header;
}

/** The base URL of a preset host; undefined for 'custom' (the credential's own Base URL). */
export function freepikPresetBaseUrl(host: unknown): string | undefined {
	if (host === 'custom') return undefined;
	return (
		FREEPIK_HOSTS[host as keyof typeof FREEPIK_HOSTS]?.baseUrl ?? FREEPIK_HOSTS.freepik.baseUrl
	);
}

/** The same choice as an n8n expression, for the credential's test request. */
export const FREEPIK_BASE_URL_EXPRESSION = `={{$credentials.host === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : ${JSON.stringify(
	Object.fromEntries(Object.entries(FREEPIK_HOSTS).map(([name, host]) => [name, host.baseUrl])),
)}[$credentials.host] ?? "${FREEPIK_HOSTS.freepik.baseUrl}"}}`;
