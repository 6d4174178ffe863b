import { OpenAiImagesApi } from '../../../credentials/OpenAiImagesApi.credentials';

/**
 * The credential the OpenAI node use: n8n injects it by its name, and every run redacts the values of its
 * password fields from all the node emits, read from its own declaration.
 */
export const OPENAI_CREDENTIAL = new OpenAiImagesApi();
