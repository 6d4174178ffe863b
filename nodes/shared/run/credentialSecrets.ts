import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
} from 'n8n-workflow';

import { bindRedactor, Redactor, secretValues } from '../redaction';

/**
 * The redactor for this run's credential, used by everything the run sends out or logs. The
 * credential type comes from the node's vendor, so what it declares secret (typeOptions.password)
 * is redacted: a password field added to a credential is covered without further code.
 */
export function bindCredentialRedactor(
	ctx: IExecuteFunctions,
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
): Redactor {
	return bindRedactor(ctx, new Redactor(secretValues(credentialType.properties, credentials)));
}
