import { NovitaApi } from '../../../credentials/NovitaApi.credentials';

/**
 * The credential the Novita nodes use: n8n injects it by its name, and every run redacts the values of its
 * password fields from all the node emits, read from its own declaration.
 */
export const NOVITA_CREDENTIAL = new NovitaApi();
