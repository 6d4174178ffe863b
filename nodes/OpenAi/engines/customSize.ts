import type { CustomSizeRule } from './editModels';

// A Custom size (WIDTHxHEIGHT) against a family's rule: what is wrong with it, and the nearest
// size the rule allows, so that a refusal names its fix.

const pixels = (value: number) => value.toLocaleString('en-US');

/** The rule in a few words, for a fix or a hint. */
export function customRuleText(rule: CustomSizeRule): string {
	return `edges multiples of ${rule.multiple}, the longer at most ${pixels(rule.maxEdge)} pixels and ${rule.maxRatio} times the shorter, ${pixels(rule.minPixels)} to ${pixels(rule.maxPixels)} pixels in all`;
}

/** What breaks the rule, in the words of a message; undefined when the size is valid. */
export function customSizeProblem(
	width: number,
	height: number,
	rule: CustomSizeRule,
): string | undefined {
	const [long, short] = width >= height ? [width, height] : [height, width];
	if (width % rule.multiple !== 0 || height % rule.multiple !== 0)
		return `each edge must be a multiple of ${rule.multiple} pixels`;
	if (long > rule.maxEdge) return `the longer edge must be at most ${pixels(rule.maxEdge)} pixels`;
	if (long > short * rule.maxRatio)
		return `the longer edge must be at most ${rule.maxRatio} times the shorter (${rule.maxRatio}:1)`;
	if (width * height < rule.minPixels || width * height > rule.maxPixels)
		return `width × height must be from ${pixels(rule.minPixels)} to ${pixels(rule.maxPixels)} pixels, but is ${pixels(width * height)}`;
	return undefined;
}

/** The size closest in shape and area that the rule allows. */
export function nearestCustomSize(
	width: number,
	height: number,
	rule: CustomSizeRule,
): [number, number] {
	let [w, h] = [width, height];
	// Shape first (the ratio), then scale into the edge and pixel bounds, keeping the shape.
	if (w > h * rule.maxRatio) h = w / rule.maxRatio;
	else if (h > w * rule.maxRatio) w = h / rule.maxRatio;
	const fit = Math.min(1, rule.maxEdge / Math.max(w, h), Math.sqrt(rule.maxPixels / (w * h)));
	const grow = Math.max(1, Math.sqrt(rule.minPixels / (w * h)));
	const scale = fit < 1 ? fit : grow;
	const round = (edge: number) =>
		Math.max(rule.multiple, Math.round((edge * scale) / rule.multiple) * rule.multiple);
	let [W, H] = [round(w), round(h)];
	// Rounding to the multiple can leave a bound crossed by one step: step back inside it.
	for (let step = 0; step < 64 && customSizeProblem(W, H, rule); step++) {
		const wider = W >= H;
		const tooBig = Math.max(W, H) > rule.maxEdge || W * H > rule.maxPixels;
		if (tooBig) [W, H] = wider ? [W - rule.multiple, H] : [W, H - rule.multiple];
		else [W, H] = wider ? [W, H + rule.multiple] : [W + rule.multiple, H];
	}
	return [W, H];
}
