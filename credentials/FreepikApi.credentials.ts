import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { FREEPIK_BASE_URL_EXPRESSION, FREEPIK_HOSTS, freepikKeyHeader } from './freepikHosts';

export class FreepikApi implements ICredentialType {
	name = 'freepikApi';

	displayName = 'Freepik (Magnific) API';

	icon: Icon = { light: 'file:../icons/freepik.svg', dark: 'file:../icons/freepik.dark.svg' };

	documentationUrl = 'https://docs.freepik.com/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Host',
			name: 'host',
			type: 'options',
			options: [
				{
					name: 'Freepik (api.freepik.com)',
					value: 'freepik',
					description: 'Sends the key in the x-freepik-api-key header',
				},
				{
					name: 'Magnific (api.magnific.com)',
					value: 'magnific',
					description: 'The rebranded API; sends the key in the X-Magnific-API-Key header',
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another host, such as a proxy, with a header name of your choice',
				},
			],
			default: 'freepik',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: FREEPIK_HOSTS.freepik.baseUrl,
			required: true,
			displayOptions: { show: { host: ['custom'] } },
		},
		{
			displayName: 'API Key Header Name',
			name: 'headerName',
			type: 'string',
			default: FREEPIK_HOSTS.freepik.header,
			required: true,
			displayOptions: { show: { host: ['custom'] } },
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The secret Magnific gives with the API key (User Dashboard → API keys). Needed by the node's Completion: Wait for Webhook, which checks every callback's signature with it.",
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const header = freepikKeyHeader(credentials.host, credentials.headerName);
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, [header]: String(credentials.apiKey ?? '') },
		};
	}

	// Listing Flux Dev tasks is a cheap authenticated read on both hosts.
	test: ICredentialTestRequest = {
		request: {
			baseURL: FREEPIK_BASE_URL_EXPRESSION,
			url: '/v1/ai/text-to-image/flux-dev',
			method: 'GET',
		},
	};
}
