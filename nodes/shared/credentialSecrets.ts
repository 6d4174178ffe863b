import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
} from 'n8n-workflow';

import { FreepikApi } from '../../credentials/FreepikApi.credentials';
import { NovitaApi } from '../../credentials/NovitaApi.credentials';
import { OpenAiImagesApi } from '../../credentials/OpenAiImagesApi.credentials';
import { Redactor, secretValues } from './redaction';

// The credential types are read here, once, for what they declare secret (typeOptions.password):
// a password field added to a credential is redacted without further code. Node folders never
// import a credential module; test/redaction.test.ts checks this list against package.json.
const CREDENTIAL_TYPES: Record<string, ICredentialType> = Object.fromEntries(
	[new NovitaApi(), new FreepikApi(), new OpenAiImagesApi()].map((type) => [type.name, type]),
);

export function credentialType(name: string): ICredentialType {
	const type = CREDENTIAL_TYPES[name];
	if (!type) throw new Error(`Unknown credential type "${name}": add it to nodes/shared/credentialSecrets.ts`);
	return type;
}

/** Without a credential: Bearer tokens and Authorization values only. */
const NO_SECRETS = new Redactor([]);

const runRedactors = new WeakMap<IExecuteFunctions, Redactor>();

/** The redactor for this run's credential, used by everything the run sends out or logs. */
export function bindRedactor(
	ctx: IExecuteFunctions,
	credentialName: string,
	credentials: ICredentialDataDecryptedObject,
): Redactor {
	const redactor = new Redactor(secretValues(credentialType(credentialName).properties, credentials));
	runRedactors.set(ctx, redactor);
	return redactor;
}

export function redactorOf(ctx: IExecuteFunctions): Redactor {
	return runRedactors.get(ctx) ?? NO_SECRETS;
}
