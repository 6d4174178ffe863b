import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
} from 'n8n-workflow';

import { FreepikApi } from '../../../credentials/FreepikApi.credentials';
import { NovitaApi } from '../../../credentials/NovitaApi.credentials';
import { OpenAiImagesApi } from '../../../credentials/OpenAiImagesApi.credentials';
import { bindRedactor, Redactor, secretValues } from '../redaction';

// The credential types are read here, once, for what they declare secret (typeOptions.password):
// a password field added to a credential is redacted without further code. Node folders never
// import a credential module; test/redaction.test.ts checks this list against package.json.
const CREDENTIAL_TYPES: Record<string, ICredentialType> = Object.fromEntries(
	[new NovitaApi(), new FreepikApi(), new OpenAiImagesApi()].map((type) => [type.name, type]),
);

export function credentialType(name: string): ICredentialType {
	const type = CREDENTIAL_TYPES[name];
	if (!type)
		throw new Error(
			`Unknown credential type "${name}": add it to nodes/shared/run/credentialSecrets.ts`,
		);
	return type;
}

/** The redactor for this run's credential, used by everything the run sends out or logs. */
export function bindCredentialRedactor(
	ctx: IExecuteFunctions,
	credentialName: string,
	credentials: ICredentialDataDecryptedObject,
): Redactor {
	return bindRedactor(
		ctx,
		new Redactor(secretValues(credentialType(credentialName).properties, credentials)),
	);
}
