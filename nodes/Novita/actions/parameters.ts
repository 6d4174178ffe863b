import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalImagesByMax } from '../../shared/image/imageProperties';
import type { ImageLimits } from '../../shared/image/validate';
import type { Choice } from '../../shared/parameters';
import {
	choiceOptions,
	choiceParameter,
	choiceValues,
	parameterError,
	textParameter,
} from '../../shared/parameters';
import type { ModelDropdown } from '../../shared/run/modelOptions';
import { pollOptionSpecs } from '../../shared/run/pollOptions';
import { enginesWhere, NOVITA_MODELS } from '../models';
import type { NovitaModel } from '../models/model';

// The parameters of both Novita nodes, read by the model engines and the classic endpoint alike:
// what differs between the two nodes is data (NovitaNode), not code. The model engines' parameters
// are built from the declarations in models/: each is shown for the engines that take it, so a
// new model appears in the right places by being declared.

/** What one Novita node is: its name and output file suffix, its prompt, its classic endpoint. */
export interface NovitaNode {
	/** The node's name in messages, e.g. "Novita Reimagine". */
	nodeName: string;
	/** Appended to the input file name for the output, e.g. "reimagined". */
	outputSuffix: string;
	/** The Prompt Template's default, and the fix when it is empty. */
	promptTemplate: { default: string; requiredFix: string };
	/**
	 * The node's own Prompt parameter, where it has one: it goes into the Prompt Template at `slot`
	 * for the models, and to the classic endpoint as `prompt`.
	 */
	prompt?: { slot: string; requiredFix: string };
	/** The retired endpoint of the node, still served by dedicated endpoints and proxies. */
	classic: { path: string; limits: Omit<ImageLimits, 'apiName'> };
}

/** The node's Prompt (Replace Background's new background), checked. */
export function nodePrompt(ctx: IExecuteFunctions, itemIndex: number, node: NovitaNode): string {
	return textParameter(ctx, itemIndex, 'prompt', 'Prompt', {
		requiredFix: node.prompt?.requiredFix,
	});
}

/** What a model is told: the Prompt Template, with the node's Prompt in its slot where it has one. */
export function modelPrompt(ctx: IExecuteFunctions, itemIndex: number, node: NovitaNode): string {
	const inSlot = node.prompt ? nodePrompt(ctx, itemIndex, node) : undefined;
	const template = textParameter(ctx, itemIndex, 'promptTemplate', 'Prompt Template', {
		requiredFix: node.promptTemplate.requiredFix,
	});
	if (!node.prompt || inSlot === undefined) return template;
	const { slot } = node.prompt;
	if (!template.includes(slot)) {
		parameterError(
			ctx,
			itemIndex,
			`Prompt Template has no ${slot}, so the Prompt would not be sent`,
			`Put ${slot} where the background description goes, e.g. "${node.promptTemplate.default}".`,
		);
	}
	// A template without the slot would drop the Prompt.
	return template.split(slot).join(inSlot);
}

const MAX_SEED = 2_147_483_647;

export const MODEL_ENGINES = enginesWhere(() => true);
const ASYNC_ENGINES = enginesWhere((model) => model.answer === 'task');

/** Max Wait and Poll Interval, shown for the models that answer a task to poll. */
export const MODEL_POLL_OPTIONS = pollOptionSpecs({
	maxWaitSeconds: 300,
	pollIntervalSeconds: 2,
	showWhen: { engine: ASYNC_ENGINES },
});

export const seedProperty: INodeProperties = {
	displayName: 'Seed',
	name: 'seed',
	type: 'number',
	typeOptions: { minValue: -1, maxValue: MAX_SEED, numberPrecision: 0 },
	default: -1,
	displayOptions: { show: { engine: enginesWhere((model) => model.seed) } },
	description: 'The same seed, image and prompt give the same result; -1 picks a random seed',
	hint: '-1: a new result each run. Any other number: the same image and prompt give the same result again.',
};

export function promptTemplateProperty(defaultTemplate: string, description: string, hint: string) {
	return {
		displayName: 'Prompt Template',
		name: 'promptTemplate',
		type: 'string',
		typeOptions: { rows: 3 },
		default: defaultTemplate,
		required: true,
		displayOptions: { show: { engine: MODEL_ENGINES } },
		description,
		hint,
	} satisfies INodeProperties;
}

/**
 * The Additional Images list, for the models that take several images: one list per maximum, so
 * that its hint names the models' own limit.
 */
export function additionalImagesProperties(): INodeProperties[] {
	return additionalImagesByMax(
		'engine',
		NOVITA_MODELS.map((model) => ({
			value: model.engine,
			name: model.displayName.replace(/ (Pro|Max|Dev)$/, ''),
			max: model.image.count.max,
		})),
	);
}

/** The Novita models as the Engine dropdown picks them, for the Model Options collection. */
export const NOVITA_MODEL_DROPDOWN: ModelDropdown<NovitaModel> = {
	vendorName: 'Novita',
	parameter: 'engine',
	models: NOVITA_MODELS,
	valueOf: (model) => model.engine,
};

export function seedParameter(ctx: IExecuteFunctions, itemIndex: number): number {
	const seed = ctx.getNodeParameter(seedProperty.name, itemIndex, seedProperty.default) as unknown;
	if (typeof seed === 'number' && Number.isInteger(seed) && seed >= -1 && seed <= MAX_SEED)
		return seed;
	return parameterError(
		ctx,
		itemIndex,
		`Seed must be a whole number from -1 to ${MAX_SEED}, but is ${JSON.stringify(seed)}`,
		'Set Seed to -1 for a random seed, or to a whole number up to 2147483647.',
	);
}

const RESPONSE_IMAGE_TYPES: ReadonlyArray<Choice<'png' | 'webp' | 'jpeg'>> = [
	['PNG', 'png'],
	['WEBP', 'webp'],
	['JPEG', 'jpeg'],
];

/** Engines that send Output Image Type: the classic endpoint and the models that take one. */
export const OUTPUT_TYPE_ENGINES = [
	'classic',
	...enginesWhere((model) => model.outputFormatField !== undefined),
];

export const outputImageTypeProperty: INodeProperties = {
	displayName: 'Output Image Type',
	name: 'responseImageType',
	type: 'options',
	options: choiceOptions(RESPONSE_IMAGE_TYPES),
	default: 'png',
	displayOptions: { show: { engine: OUTPUT_TYPE_ENGINES } },
	description:
		'Format of the returned image (extra.response_image_type, or the model’s output_format)',
};

/** The Output Image Type of the item, checked (it can come from an expression). */
export function outputImageType(ctx: IExecuteFunctions, itemIndex: number) {
	return choiceParameter(
		ctx,
		itemIndex,
		outputImageTypeProperty,
		choiceValues(RESPONSE_IMAGE_TYPES),
		{
			fix: 'Choose PNG, WEBP or JPEG, or make the expression resolve to png, webp or jpeg.',
		},
	);
}
