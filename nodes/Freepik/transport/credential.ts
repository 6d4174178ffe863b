import { FreepikApi } from '../../../credentials/FreepikApi.credentials';

/**
 * The credential the Freepik node use: n8n injects it by its name, and every run redacts the values of its
 * password fields from all the node emits, read from its own declaration.
 */
export const FREEPIK_CREDENTIAL = new FreepikApi();
