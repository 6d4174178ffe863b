/** A request's place in the gate: handed back on release. */
export interface GateTicket {
	/** Whether it took the last free place (others were waiting, or the gate was then full). */
	saturated: boolean;
}

/**
 * Limits how many API requests of one node run are in flight, and learns the API's own limit
 * from its refusals. It starts at the Concurrency option. When a request is refused with HTTP 429,
 * the requests still in flight are the ones the API accepted (or will refuse next), so the limit
 * drops to their number: the workers that would be refused next wait here instead of each
 * sleeping out a Retry-After. After 2 × limit answers received while the gate was full, the limit
 * rises by one (up to the option), so a limit lowered for a passing reason does not stay low. Each
 * refused try costs an item a Retry-After wait, so each one doubles the answers needed before the
 * next, and a raise refused twice is not tried again in the run: the API has confirmed its limit.
 */
export class RequestGate {
	private limit: number;
	private inFlight = 0;
	private saturatedSuccesses = 0;
	private raisedSinceRefusal = false;
	private refusedRaises = 0;
	/** A limit the API refused twice: not tried again. */
	private confirmedCeiling = Infinity;
	private lastRefusedRaise = 0;
	private readonly waiting: Array<(ticket: GateTicket) => void> = [];

	constructor(private readonly max: number) {
		this.limit = Math.max(1, Math.floor(max));
	}

	get currentLimit(): number {
		return this.limit;
	}

	async acquire(): Promise<GateTicket> {
		if (this.inFlight < this.limit && this.waiting.length === 0) return this.enter();
		return await new Promise<GateTicket>((resolve) => this.waiting.push(resolve));
	}

	/** `status` is the HTTP status of the answer, undefined when there was none (network error). */
	release(ticket: GateTicket, status: number | undefined): void {
		this.inFlight--;
		if (status === 429) {
			if (this.raisedSinceRefusal) {
				this.refusedRaises = Math.min(this.refusedRaises + 1, 6);
				if (this.lastRefusedRaise === this.limit) this.confirmedCeiling = this.limit;
				this.lastRefusedRaise = this.limit;
			}
			this.limit = Math.max(1, Math.min(this.limit, this.inFlight));
			this.saturatedSuccesses = 0;
			this.raisedSinceRefusal = false;
		} else if (
			status !== undefined &&
			status < 400 &&
			ticket.saturated &&
			this.limit < Math.min(this.max, this.confirmedCeiling - 1)
		) {
			if (++this.saturatedSuccesses >= 2 * this.limit * 2 ** this.refusedRaises) {
				this.limit++;
				this.saturatedSuccesses = 0;
				this.raisedSinceRefusal = true;
			}
		}
		while (this.waiting.length > 0 && this.inFlight < this.limit)
			this.waiting.shift()!(this.enter());
	}

	private enter(): GateTicket {
		this.inFlight++;
		return { saturated: this.inFlight >= this.limit || this.waiting.length > 0 };
	}
}
