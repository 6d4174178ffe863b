import { NovitaApi } from '../../../credentials/NovitaApi.credentials';

/**
 * The credential the Novita nodes use: n8n injects it by its name, and every run redacts the
 * values of the password fields it declares from all the node emits.
 */
export const NOVITA_CREDENTIAL = new NovitaApi();
