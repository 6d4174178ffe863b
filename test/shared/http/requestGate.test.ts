import type { GateTicket } from '../../../nodes/shared/http/requestGate';
import { RequestGate } from '../../../nodes/shared/http/requestGate';

/** Asks for n places; `got` fills as they are granted. */
function take(gate: RequestGate, n: number) {
	const got: GateTicket[] = [];
	const pending = Array.from({ length: n }, () => gate.acquire().then((t) => (got.push(t), t)));
	return { got, pending };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** Two requests sent together, the second refused with 429 while the first is in flight: limit 1. */
async function refusedPair(gate: RequestGate) {
	const { got } = take(gate, 2);
	await flush();
	gate.release(got[1], 429);
	gate.release(got[0], 200);
}

/** Rounds in which the gate is full with one more waiting: limit + 1 answers received while full. */
async function fullRounds(gate: RequestGate, rounds: number) {
	for (let i = 0; i < rounds; i++) {
		const { got } = take(gate, gate.currentLimit + 1);
		await flush();
		gate.release(got[0], 200);
		await flush();
		got.slice(1).forEach((t) => gate.release(t, 200));
	}
}

describe('RequestGate', () => {
	it('lets the limit in at once and the rest in order as places free up', async () => {
		const gate = new RequestGate(2);
		const { got, pending } = take(gate, 4);
		await flush();
		expect(got).toHaveLength(2);
		gate.release(got[0], 200);
		await flush();
		expect(got).toHaveLength(3);
		gate.release(got[1], 200);
		gate.release(got[2], 200);
		await Promise.all(pending);
		expect(got).toHaveLength(4);
	});

	it('a 429 lowers the limit to the number of requests still in flight, never below 1', async () => {
		const gate = new RequestGate(10);
		const { got } = take(gate, 6);
		await flush();
		// Refusals come back while 2 accepted requests are still out: each lowers the limit.
		gate.release(got[0], 429);
		expect(gate.currentLimit).toBe(5);
		gate.release(got[3], 429);
		gate.release(got[4], 429);
		gate.release(got[5], 429);
		expect(gate.currentLimit).toBe(2);
		const next = take(gate, 2);
		await flush();
		expect(next.got).toHaveLength(0);
		gate.release(got[1], 200);
		await flush();
		expect(next.got).toHaveLength(1);
		gate.release(got[2], 429); // refused with one other in flight
		gate.release(next.got[0], 429); // and with none: the limit stays 1
		expect(gate.currentLimit).toBe(1);
	});

	it('tries one more after 2 × limit answers received while full, up to the Concurrency option', async () => {
		const gate = new RequestGate(3);
		const first = take(gate, 3);
		await flush();
		gate.release(first.got[2], 429);
		expect(gate.currentLimit).toBe(2);
		first.got.slice(0, 2).forEach((t) => gate.release(t, 200));
		for (let round = 0; round < 2; round++) {
			const { got } = take(gate, 3); // two get in (the second fills the gate), one waits
			await flush();
			got.slice(0, 2).forEach((t) => gate.release(t, 200));
			await flush();
			got.slice(2).forEach((t) => gate.release(t, 200));
			// Two answers received while full per round: 2 × 2 needed, so not after the first round.
			expect(gate.currentLimit).toBe(round === 0 ? 2 : 3);
		}
		for (let i = 0; i < 20; i++) {
			const { got } = take(gate, 3);
			await flush();
			got.forEach((t) => gate.release(t, 200));
		}
		expect(gate.currentLimit).toBe(3);
	});

	it('answers received while the gate was not full, and failures, do not raise it', async () => {
		const gate = new RequestGate(4);
		const { got } = take(gate, 2);
		await flush();
		gate.release(got[1], 429);
		gate.release(got[0], 429);
		expect(gate.currentLimit).toBe(1);
		for (let i = 0; i < 10; i++) {
			const t = await gate.acquire();
			gate.release(t, i % 2 ? 500 : undefined);
		}
		expect(gate.currentLimit).toBe(1);
	});

	it('a refused try of one more doubles the answers needed before the next try', async () => {
		const gate = new RequestGate(10);
		await refusedPair(gate);
		expect(gate.currentLimit).toBe(1);
		await fullRounds(gate, 1); // 2 answers ≥ 2 × 1: raised to 2
		expect(gate.currentLimit).toBe(2);
		await refusedPair(gate); // the try of 2 is refused
		expect(gate.currentLimit).toBe(1);
		await fullRounds(gate, 1); // 2 answers < 2 × 1 × 2
		expect(gate.currentLimit).toBe(1);
		await fullRounds(gate, 1); // 4 answers: raised again
		expect(gate.currentLimit).toBe(2);
	});

	it('a raise refused twice is not tried again', async () => {
		const gate = new RequestGate(10);
		await refusedPair(gate);
		for (const rounds of [1, 2]) {
			await fullRounds(gate, rounds);
			expect(gate.currentLimit).toBe(2);
			await refusedPair(gate);
			expect(gate.currentLimit).toBe(1);
		}
		await fullRounds(gate, 40);
		expect(gate.currentLimit).toBe(1);
	});

	it('answers received one at a time below the limit, or with a 4xx, do not raise it', async () => {
		const gate = new RequestGate(3);
		const first = take(gate, 3);
		await flush();
		gate.release(first.got[2], 429);
		first.got.slice(0, 2).forEach((t) => gate.release(t, 200));
		expect(gate.currentLimit).toBe(2);
		for (let i = 0; i < 10; i++) gate.release(await gate.acquire(), 200);
		expect(gate.currentLimit).toBe(2);
		await fullRounds(gate, 4); // with answers of 200 this raises it (above)
		expect(gate.currentLimit).toBe(3);
		const refused = new RequestGate(10);
		await refusedPair(refused);
		for (let round = 0; round < 4; round++) {
			const { got } = take(refused, 2);
			await flush();
			refused.release(got[0], 400);
			await flush();
			refused.release(got[1], 400);
		}
		expect(refused.currentLimit).toBe(1);
	});

	it('refusals without a raise before them do not count as refused raises', async () => {
		const gate = new RequestGate(10);
		for (let i = 0; i < 3; i++) await refusedPair(gate);
		expect(gate.currentLimit).toBe(1);
		await fullRounds(gate, 1); // 2 answers ≥ 2 × 1: raised, as after a single refusal
		expect(gate.currentLimit).toBe(2);
	});

	it('a request let in from the queue while others still wait took a place others wanted', async () => {
		const gate = new RequestGate(10);
		const first = take(gate, 3);
		await flush();
		gate.release(first.got[2], 429); // limit 2
		first.got.slice(0, 2).forEach((t) => gate.release(t, 200));
		const { got } = take(gate, 7); // 2 in, 5 waiting
		await flush();
		expect(got.map((t) => t.saturated)).toEqual([false, true]);
		for (const i of [1, 2, 3, 4]) {
			gate.release(got[i], 200); // the 4th answer while full raises the limit to 3
			await flush();
		}
		expect(gate.currentLimit).toBe(3);
		// Two places were free for the last two: the first of them entered with one still waiting.
		expect(got.map((t) => t.saturated)).toEqual([false, true, true, true, true, true, true]);
	});
});
