import type { ImageFormat } from '../../shared/image/sniff';
import type { OptionedModel } from '../../shared/run/modelOptions';

// A Magnific model, declared once from its page in docs.magnific.com: where it is served, how it
// takes images and which other fields. actions/model.operation.ts runs any of them (submit, wait
// through the shared poller, download); the Model dropdown, the Additional Images list and the
// Model Options collection are built from the declarations.

/** How a model's page places the images in the body. */
export type ImageFields =
	/** input_image, input_image_2 … input_image_N: one URL each (Flux Kontext). */
	| 'inputImageFields'
	/** reference_images: a list of strings, each an https URL or bare base64 (Seedream edits). */
	| 'referenceImages'
	/** reference_images: a list of {image: URL, mime_type} objects (Nano Banana Pro). */
	| 'referenceImageObjects';

export interface MagnificModel extends OptionedModel {
	/** The Model dropdown's value, kept in saved workflows. */
	value: string;
	displayName: string;
	/** Under the name in the Model dropdown: the endpoint and what it is for. */
	description: string;
	/** Magnific's name for the model, as its path gives it, and in output items. */
	model: string;
	/** POST here submits a task; GET <path>/{task-id} is its status. */
	path: string;
	images: {
		fields: ImageFields;
		/** How many images the node sends, the input image included. */
		count: { min: number; max: number };
		/** URLs only: binary and base64 images go through the Upload Files API first. */
		urlsOnly: boolean;
		formats: ImageFormat[];
	};
	/** The prompt (required by every model here) and the length its page allows, when it says. */
	prompt: { minLength?: number; maxLength?: number };
}
