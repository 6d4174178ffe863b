import { customSizeProblem, nearestCustomSize } from '../../../nodes/OpenAi/actions/edits/models';
import { GPT_IMAGE_2_SIZES } from '../../../nodes/OpenAi/actions/edits/models';

// gpt-image-2's rule for a WIDTHxHEIGHT size, at each bound, and the nearest size it names as the
// fix: always one the rule takes, and the size itself when it is already valid.

const rule = GPT_IMAGE_2_SIZES;
const problem = (width: number, height: number) => customSizeProblem(width, height, rule);

describe('a custom size against gpt-image-2’s rule', () => {
	it.each([
		[3840, 2160],
		[2160, 3840],
		[3840, 1280],
		[1280, 3840],
		[1024, 640],
		[2880, 2880],
		[16 * 64, 16 * 40],
	])('%i × %i is valid: it is its own nearest size', (width, height) => {
		expect(problem(width, height)).toBeUndefined();
		expect(nearestCustomSize(width, height, rule)).toEqual([width, height]);
	});

	it.each([
		[1000, 1008, 'each edge must be a multiple of 16 pixels'],
		[1008, 1000, 'each edge must be a multiple of 16 pixels'],
		[3856, 2160, 'the longer edge must be at most 3,840 pixels'],
		[2160, 3856, 'the longer edge must be at most 3,840 pixels'],
		[3840, 1264, 'the longer edge must be at most 3 times the shorter (3:1)'],
		[1264, 3840, 'the longer edge must be at most 3 times the shorter (3:1)'],
		[1008, 640, 'width × height must be from 655,360 to 8,294,400 pixels, but is 645,120'],
		[2896, 2880, 'width × height must be from 655,360 to 8,294,400 pixels, but is 8,340,480'],
	])('%i × %i: %s', (width, height, message) => {
		expect(problem(width, height)).toBe(message);
	});

	it('the nearest size of any size is one the rule takes', () => {
		const invalid: string[] = [];
		for (let width = 1; width <= 9000; width += 97)
			for (let height = 1; height <= 9000; height += 89) {
				const [w, h] = nearestCustomSize(width, height, rule);
				if (problem(w, h)) invalid.push(`${width}×${height} → ${w}×${h}: ${problem(w, h)}`);
			}
		expect(invalid).toEqual([]);
	});

	it.each([
		[1000, 1000, 1008, 1008],
		[4096, 2304, 3840, 2160],
		[3840, 1024, 3840, 1280],
		[640, 640, 816, 816],
		[3008, 3008, 2880, 2880],
		[100, 3000, 1008, 3008],
		// Scaled into 8,294,400 pixels, rounding to 2928 × 2848 crosses it again: the longer edge steps back.
		[2938, 2858, 2912, 2848],
	])('the nearest of %i × %i keeps its shape: %i × %i', (width, height, w, h) => {
		expect(nearestCustomSize(width, height, rule)).toEqual([w, h]);
	});
});
