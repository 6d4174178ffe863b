import { nextPollDelayMs } from '../../../nodes/shared/http/taskPoller';

describe('the wait between status checks', () => {
	it('starts at the Poll Interval and grows by half each time, rounded to a millisecond', () => {
		expect([0, 1, 2, 3].map((poll) => nextPollDelayMs(50, poll))).toEqual([50, 75, 113, 169]);
	});

	it('stops growing at four times the Poll Interval', () => {
		expect([4, 5, 20].map((poll) => nextPollDelayMs(50, poll))).toEqual([200, 200, 200]);
		expect(nextPollDelayMs(1000, 3)).toBe(3375);
		expect(nextPollDelayMs(1000, 4)).toBe(4000);
	});
});
