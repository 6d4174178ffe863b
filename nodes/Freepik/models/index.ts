import { fluxKontextMax, fluxKontextPro } from './fluxKontext';
import type { MagnificModel } from './model';
import { nanoBananaPro, nanoBananaProFlash } from './nanoBananaPro';
import { seedream45Edit } from './seedream45Edit';

/** Magnific's asynchronous models, in the Model dropdown's order. Adding one adds it here. */
export const MAGNIFIC_MODELS: readonly MagnificModel[] = [
	fluxKontextPro,
	fluxKontextMax,
	seedream45Edit,
	nanoBananaPro,
	nanoBananaProFlash,
];
