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
