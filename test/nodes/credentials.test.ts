import axios from 'axios';
import type { ICredentialDataDecryptedObject, ICredentialTestRequest, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from '../harness/credentialsHelper';
import { loadPackage } from '../harness/engine';
import { SECRET_KEYS, startServer } from '../helpers';
import { FreepikServer } from '../servers/freepikServer';
import { NovitaServer } from '../servers/novitaServer';
import { OpenAiServer } from '../servers/openAiServer';

const novita = startServer(new NovitaServer());
const freepik = startServer(new FreepikServer());
const openai = startServer(new OpenAiServer(), '/v1');

/** Resolves a credential expression (test request URL, header) against `data`, as n8n does. */
async function credentialExpressions(data: ICredentialDataDecryptedObject) {
	const { nodeTypes } = await loadPackage();
	const node: INode = {
		id: 'n',
		name: 'Credential Test',
		type: 'test.testInput',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const resolve = (value: string) =>
		String(
			workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: data },
				undefined,
				'',
			),
		);
	return { node, workflow, resolve };
}

/** Sends a credential type's `test` request as n8n's credential tester does: expressions, then authenticate. */
async function credentialTest(type: string, data: ICredentialDataDecryptedObject) {
	const { credentialTypes } = await loadPackage();
	const { node, workflow, resolve } = await credentialExpressions(data);
	const { request } = credentialTypes[type].test as ICredentialTestRequest;
	const helper = new TestCredentialsHelper(credentialTypes, { [type]: data });
	const options = await helper.authenticate(
		data,
		type,
		{
			method: request.method ?? 'GET',
			url: `${resolve(request.baseURL ?? '')}${request.url ?? ''}`,
			headers: {},
		},
		workflow,
		node,
	);
	return await axios.request({
		method: options.method,
		url: options.url,
		headers: options.headers as Record<string, string>,
		validateStatus: () => true,
	});
}

beforeAll(() => {
	novita.apiKey = SECRET_KEYS.novita;
	freepik.apiKey = SECRET_KEYS.freepik;
	openai.apiKey = SECRET_KEYS.openai;
});

describe('credential test requests', () => {
	it('Novita: balance endpoint accepts the right key and rejects a wrong one', async () => {
		expect(
			(
				await credentialTest('novitaApi', {
					apiKey: SECRET_KEYS.novita,
					baseUrl: `${novita.baseUrl}/`,
				})
			).status,
		).toBe(200);
		const bad = await credentialTest('novitaApi', { apiKey: 'wrong', baseUrl: novita.baseUrl });
		expect([bad.status, bad.data.reason]).toEqual([403, 'INVALID_API_KEY']);
		expect(novita.requests.map((r) => r.route)).toEqual([
			'GET /openapi/v1/billing/balance/detail',
			'GET /openapi/v1/billing/balance/detail',
		]);
	});

	it('Freepik: custom host with the chosen header; good and bad key', async () => {
		const good = await credentialTest('freepikApi', {
			apiKey: SECRET_KEYS.freepik,
			host: 'custom',
			baseUrl: freepik.baseUrl,
			headerName: 'x-freepik-api-key',
		});
		expect(good.status).toBe(200);
		const bad = await credentialTest('freepikApi', {
			apiKey: 'wrong',
			host: 'custom',
			baseUrl: freepik.baseUrl,
			headerName: 'x-freepik-api-key',
		});
		expect([bad.status, bad.data.message]).toEqual([401, 'Invalid API key']);
	});

	it('Freepik: the presets pick the host and header (Magnific: X-Magnific-API-Key)', async () => {
		const { credentialTypes } = await loadPackage();
		const type = credentialTypes.freepikApi;
		const auth = type.authenticate as (
			c: ICredentialDataDecryptedObject,
			r: object,
		) => Promise<{ headers: object }>;
		expect((await auth({ apiKey: 'k', host: 'magnific' }, {})).headers).toEqual({
			'X-Magnific-API-Key': 'k',
		});
		expect((await auth({ apiKey: 'k', host: 'freepik' }, {})).headers).toEqual({
			'x-freepik-api-key': 'k',
		});
		expect((type.test as ICredentialTestRequest).request.baseURL).toContain(
			'https://api.magnific.com',
		);
	});

	it('Freepik: the test request goes to the host the credential names', async () => {
		const { credentialTypes } = await loadPackage();
		const { baseURL } = (credentialTypes.freepikApi.test as ICredentialTestRequest).request;
		const baseUrlFor = async (data: ICredentialDataDecryptedObject) =>
			(await credentialExpressions(data)).resolve(baseURL!);
		expect(await baseUrlFor({ host: 'freepik' })).toBe('https://api.freepik.com');
		expect(await baseUrlFor({ host: 'magnific' })).toBe('https://api.magnific.com');
		expect(
			await baseUrlFor({ host: 'custom', baseUrl: 'https://proxy.example.com/freepik//' }),
		).toBe('https://proxy.example.com/freepik');
		expect(await baseUrlFor({})).toBe('https://api.freepik.com');
	});

	it('OpenAI-compatible: GET {base}/models with good and bad key', async () => {
		expect(
			(
				await credentialTest('openAiImagesApi', {
					apiKey: SECRET_KEYS.openai,
					baseUrl: openai.baseUrl,
				})
			).status,
		).toBe(200);
		const bad = await credentialTest('openAiImagesApi', {
			apiKey: 'sk-wrong',
			baseUrl: openai.baseUrl,
		});
		expect([bad.status, bad.data.error.code]).toEqual([401, 'invalid_api_key']);
		expect(openai.requestsTo('GET /models')).toHaveLength(2);
	});

	it('does not collide with n8n’s built-in openAiApi credential', async () => {
		const { credentialTypes } = await loadPackage();
		expect(Object.keys(credentialTypes).sort()).toEqual([
			'freepikApi',
			'novitaApi',
			'openAiImagesApi',
		]);
	});
});
