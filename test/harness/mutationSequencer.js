// The order of test files in mutation runs (jest.stryker.config.js): the files that failed in the
// previous run first (they most likely kill a neighbouring mutant too), then the fastest first.
// jest's default runs the slowest first to keep parallel workers busy; a mutant run is in band and
// stops at its first failure (mutationBailEnvironment.js), so the quick files should come first.
const Sequencer = require('@jest/test-sequencer').default;

class MutationSequencer extends Sequencer {
	sort(tests) {
		// Files without a recorded time (new ones) go last among their kind.
		const key = (test) => [this.hasFailed(test) ? 0 : 1, this.time(test) ?? Infinity, test.path];
		const compare = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
		return [...tests].sort((a, b) => {
			const [x, y] = [key(a), key(b)];
			return compare(x[0], y[0]) || compare(x[1], y[1]) || compare(x[2], y[2]);
		});
	}
}

module.exports = MutationSequencer;
