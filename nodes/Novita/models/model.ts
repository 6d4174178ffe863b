import type { ImageFormat } from '../../shared/image/sniff';
import type { OptionedModel } from '../../shared/run/modelOptions';

// A Novita model, declared once: where it is served, how it takes the image and answers, and the
// fields of its reference page. actions/model.operation.ts runs any of them; the Engine dropdown,
// the parameters shown and the Model Options collection are built from the declarations.

export interface NovitaModel extends OptionedModel {
	/** The Engine dropdown's value, kept in saved workflows. */
	engine: string;
	displayName: string;
	/** Under the name in the Engine dropdown: the endpoint and what it is for. */
	description: string;
	/** Novita's name for the model, as its path gives it, and in output items. */
	model: string;
	path: string;
	/** async: answers a task_id, polled through /v3/async/task-result; sync: answers {images: [url]}. */
	answer: 'task' | 'images';
	image: {
		/** The body field, e.g. "image" or "images". */
		field: string;
		/** Sent as a list of one image ([…]), or as the value itself. */
		list: boolean;
		/** How many images it takes, the input image included (the list's length). */
		count: { min: number; max: number };
		formats: ImageFormat[];
		/** What the reference says about the image's form, for the hint on a 400 about the image. */
		forms: 'unstated' | 'url or base64';
	};
	/** Takes a seed (-1 for a random one). */
	seed: boolean;
	/** The body field the node's Output Image Type goes to, when the model takes one. */
	outputFormatField?: string;
}
