import { FreepikApi } from '../../../credentials/FreepikApi.credentials';

/**
 * The credential the Freepik node uses: n8n injects it by its name, and every run redacts the
 * values of the password fields it declares from all the node emits.
 */
export const FREEPIK_CREDENTIAL = new FreepikApi();
