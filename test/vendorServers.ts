import { SECRET_KEYS, startServer } from './helpers';
import { FreepikServer } from './servers/freepikServer';
import { NovitaServer } from './servers/novitaServer';
import { OpenAiServer } from './servers/openAiServer';

/**
 * The three vendors' contract servers for one test file, started before its tests, reset after
 * each, stopped at the end, expecting the test keys; and each vendor's credential pointing at them.
 */
export function startVendorServers() {
	const novita = startServer(new NovitaServer());
	const freepik = startServer(new FreepikServer());
	const openai = startServer(new OpenAiServer(), '/v1');
	beforeAll(() => {
		novita.apiKey = SECRET_KEYS.novita;
		freepik.apiKey = SECRET_KEYS.freepik;
		openai.apiKey = SECRET_KEYS.openai;
	});
	const credentials = {
		novita: () => ({ novitaApi: { apiKey: SECRET_KEYS.novita, baseUrl: novita.baseUrl } }),
		freepik: () => ({ freepikApi: { apiKey: SECRET_KEYS.freepik, host: 'custom', baseUrl: freepik.baseUrl, headerName: 'x-freepik-api-key' } }),
		openai: () => ({ openAiImagesApi: { apiKey: SECRET_KEYS.openai, baseUrl: openai.baseUrl } }),
	};
	return { novita, freepik, openai, credentials };
}
