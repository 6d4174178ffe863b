import type { INodeProperties } from 'n8n-workflow';

import { NOVITA_MODEL_DROPDOWN } from '../../nodes/Novita/actions/parameters';
import { modelOptionsByName, modelOptionsProperty } from '../../nodes/shared/run/modelOptions';
import type { NovitaModel } from '../../nodes/Novita/models/model';
import { qwenImageEdit } from '../../nodes/Novita/models/qwenImageEdit';

// The Model Options collection is built from the declarations: one entry per option name, shown
// for the engines that declare it.

const guidance = (novitaDefault: number) => ({
	field: 'guidance_scale',
	spec: {
		type: 'number' as const,
		displayName: 'Guidance Scale',
		default: novitaDefault,
		min: 1,
		max: 20,
		description: 'x',
	},
});
const model = (engine: string, options: NovitaModel['options']): NovitaModel => ({
	...qwenImageEdit,
	engine,
	options,
});

describe('Novita Model Options', () => {
	it('an option two models declare alike is one entry, shown for both', () => {
		const merged = modelOptionsByName({
			...NOVITA_MODEL_DROPDOWN,
			models: [
				model('a', { guidance: guidance(3.5) }),
				model('b', { guidance: guidance(3.5) }),
				model('c', {}),
			],
		});
		expect([...merged].map(([name, { values }]) => [name, values])).toEqual([
			['guidance', ['a', 'b']],
		]);
	});

	it('one name declared differently by two models is refused when the nodes load', () => {
		expect(() =>
			modelOptionsByName({
				...NOVITA_MODEL_DROPDOWN,
				models: [model('a', { guidance: guidance(3.5) }), model('b', { guidance: guidance(2.5) })],
			}),
		).toThrow('Novita model option "guidance" is declared twice, differently');
	});

	it('the collection lists each option once, for its engines, and is shown only for models that have any', () => {
		const property = modelOptionsProperty(NOVITA_MODEL_DROPDOWN);
		expect(property.displayOptions).toEqual({
			show: { engine: ['fluxKontextPro', 'fluxKontextMax', 'fluxKontextDev', 'seedream45'] },
		});
		const shown = Object.fromEntries(
			(property.options as INodeProperties[]).map((option) => [
				option.name,
				option.displayOptions?.show?.['/engine'],
			]),
		);
		expect(shown).toEqual({
			kontextAspectRatio: ['fluxKontextPro', 'fluxKontextMax'],
			kontextFastMode: ['fluxKontextDev'],
			kontextGuidanceScale: ['fluxKontextPro', 'fluxKontextMax'],
			kontextGuidanceScaleDev: ['fluxKontextDev'],
			kontextImages: ['fluxKontextDev'],
			kontextSafetyTolerance: ['fluxKontextMax'],
			kontextSize: ['fluxKontextDev'],
			kontextSteps: ['fluxKontextDev'],
			seedreamImageSet: ['seedream45'],
			seedreamMaxImages: ['seedream45'],
			seedreamSize: ['seedream45'],
			seedreamWatermark: ['seedream45'],
		});
	});
});
