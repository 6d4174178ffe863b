import { OpenAiImagesApi } from '../../../credentials/OpenAiImagesApi.credentials';

/**
 * The credential the OpenAI node uses: n8n injects it by its name, and every run redacts the
 * values of the password fields it declares from all the node emits.
 */
export const OPENAI_CREDENTIAL = new OpenAiImagesApi();
