import type { Choice } from '../../shared/parameters';

// Magnific's named aspect ratios (Flux Kontext, Seedream, Reimagine Flux): the pages list the
// values, and "a numeric ratio like 16:9 returns a 400", so each model offers only its own list.

const NAMED_RATIOS: Record<string, string> = {
	square_1_1: 'Square 1:1',
	classic_4_3: 'Classic 4:3',
	traditional_3_4: 'Traditional 3:4',
	widescreen_16_9: 'Widescreen 16:9',
	social_story_9_16: 'Social Story 9:16',
	standard_3_2: 'Standard 3:2',
	portrait_2_3: 'Portrait 2:3',
	horizontal_2_1: 'Horizontal 2:1',
	vertical_1_2: 'Vertical 1:2',
	social_post_4_5: 'Social Post 4:5',
};

/** The dropdown's choices for a page's list of named ratios, in the page's order. */
export function namedRatios(values: readonly string[]): ReadonlyArray<Choice> {
	return values.map((value) => [NAMED_RATIOS[value] ?? value, value] as const);
}

/** Every named ratio, in the order the pages list them (Kontext Max, Reimagine Flux). */
export const ALL_NAMED_RATIOS = Object.keys(NAMED_RATIOS);
