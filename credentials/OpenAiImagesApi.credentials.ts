import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class OpenAiImagesApi implements ICredentialType {
	// Distinct from n8n's built-in openAiApi so both can be installed side by side.
	name = 'openAiImagesApi';

	displayName = 'OpenAI-Compatible Images API';

	icon: Icon = { light: 'file:../icons/openai.svg', dark: 'file:../icons/openai.dark.svg' };

	documentationUrl = 'https://platform.openai.com/docs/api-reference/authentication';

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
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.openai.com/v1',
			required: true,
			description:
				'OpenAI removed dall-e-2, the only model for image variations, in 2026; set the URL of a compatible gateway (e.g. LiteLLM) that still serves /images/variations',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			description: 'Sent as the OpenAI-Organization header when set',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const organization = String(credentials.organizationId ?? '').trim();
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: `Bearer ${String(credentials.apiKey ?? '')}`,
				...(organization ? { 'OpenAI-Organization': organization } : {}),
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/models',
			method: 'GET',
		},
	};
}
