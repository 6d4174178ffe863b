import type { INodeProperties, INodeType } from 'n8n-workflow';

import { loadPackage } from '../harness/engine';

// The choices the panel leaves a newcomer guessing at carry a hint under the field (shown as it
// is, not behind a tooltip): what Seed −1 does, Prompt vs Prompt Template, which Engine or API.

async function propertiesOf(nodeType: string): Promise<INodeProperties[]> {
	const { nodeTypes } = await loadPackage();
	return (nodeTypes.getByName(`n8n-nodes-ai-image.${nodeType}`) as INodeType).description
		.properties;
}

const hintsOf = (properties: INodeProperties[], name: string) =>
	properties.filter((p) => p.name === name).map((p) => p.hint);

describe('hints under the fields a newcomer has to decide', () => {
	it.each(['novitaReimagine', 'novitaReplaceBackground'])(
		'%s: Engine says where each engine runs, in every node version; Seed says what -1 does',
		async (nodeType) => {
			const properties = await propertiesOf(nodeType);
			const engine = hintsOf(properties, 'engine');
			expect(engine).toHaveLength(2);
			for (const hint of engine) {
				expect(hint).toMatch(/^The models run on Novita’s own API today/);
				expect(hint).toMatch(/Classic Endpoint only on a dedicated endpoint or proxy/);
			}
			expect(hintsOf(properties, 'seed')).toEqual([
				'-1: a new result each run. Any other number: the same image and prompt give the same result again.',
			]);
		},
	);

	it('Replace Background: the Prompt is the background, the template how to ask for it', async () => {
		const properties = await propertiesOf('novitaReplaceBackground');
		expect(hintsOf(properties, 'prompt')[0]).toMatch(/goes into the Prompt Template below$/);
		expect(hintsOf(properties, 'promptTemplate')[0]).toMatch(/{prompt} is replaced by the Prompt$/);
	});

	it('Reimagine: the template is everything the model is told', async () => {
		const properties = await propertiesOf('novitaReimagine');
		expect(hintsOf(properties, 'promptTemplate')[0]).toMatch(/^All the model is told/);
	});

	it('OpenAI Image Variation: API says which runs on OpenAI and which needs a gateway', async () => {
		const hints = hintsOf(await propertiesOf('openAiImageVariation'), 'api');
		expect(hints).toEqual([
			'Edits runs on OpenAI today (GPT Image models); Variations only on a gateway that still serves dall-e-2',
			'Edits runs on OpenAI today (GPT Image models); Variations only on a gateway that still serves dall-e-2',
		]);
	});
});
