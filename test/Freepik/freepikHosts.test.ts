import { freepikKeyHeader, freepikPresetBaseUrl } from '../../credentials/freepikHosts';

// The preset hosts and the fallbacks for a missing or unknown choice (the end-to-end tests use the
// Custom host). A credential saved before the Host field existed has no host: it meant Freepik.
describe('Freepik hosts', () => {
	it.each([
		['freepik', 'https://api.freepik.com', 'x-freepik-api-key'],
		['magnific', 'https://api.magnific.com', 'X-Magnific-API-Key'],
		[undefined, 'https://api.freepik.com', 'x-freepik-api-key'],
		['retired-host', 'https://api.freepik.com', 'x-freepik-api-key'],
	])('host %s: base URL %s, key header %s', (host, baseUrl, header) => {
		expect(freepikPresetBaseUrl(host)).toBe(baseUrl);
		expect(freepikKeyHeader(host, 'ignored-for-presets')).toBe(header);
	});

	it('Custom: the credential’s own Base URL, and its header name or Freepik’s', () => {
		expect(freepikPresetBaseUrl('custom')).toBeUndefined();
		expect(freepikKeyHeader('custom', 'X-Proxy-Key')).toBe('X-Proxy-Key');
		expect(freepikKeyHeader('custom', '')).toBe('x-freepik-api-key');
	});
});
