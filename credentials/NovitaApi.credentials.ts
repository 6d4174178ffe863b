import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class NovitaApi implements ICredentialType {
	name = 'novitaApi';

	displayName = 'Novita AI API';

	icon: Icon = { light: 'file:../icons/novita.svg', dark: 'file:../icons/novita.dark.svg' };

	documentationUrl = 'https://novita.ai/docs/api-reference/basic-authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Create a key at https://novita.ai/settings/key-management',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.novita.ai',
			required: true,
			description:
				'Novita retired some image endpoints in 2026; point this at a dedicated endpoint or proxy that still serves them',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// A cheap authenticated read: the account balance.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/openapi/v1/billing/balance/detail',
			method: 'GET',
		},
	};
}
