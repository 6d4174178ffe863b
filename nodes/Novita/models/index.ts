import { fluxKontextDev, fluxKontextMax, fluxKontextPro } from './fluxKontext';
import type { NovitaModel } from './model';
import { qwenImageEdit } from './qwenImageEdit';
import { seedream45 } from './seedream45';

/** The models both Novita nodes offer, in the Engine dropdown's order. Adding one adds it here. */
export const NOVITA_MODELS: readonly NovitaModel[] = [
	qwenImageEdit,
	fluxKontextPro,
	fluxKontextMax,
	fluxKontextDev,
	seedream45,
];

/** The Engine values of the models that `take` holds for, e.g. those that answer a task. */
export function enginesWhere(take: (model: NovitaModel) => boolean): string[] {
	return NOVITA_MODELS.filter(take).map((model) => model.engine);
}
