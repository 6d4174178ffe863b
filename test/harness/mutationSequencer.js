// The order of test files in mutation runs (jest.stryker.config.js): the files that failed in the
// previous run first (they most likely kill a neighbouring mutant too), then the fastest first.
// jest's default runs the slowest first to keep parallel workers busy; a mutant run is in band and
// stops at its first failure (mutationBailEnvironment.js), so the quick files should come first.
const Sequencer = require('@jest/test-sequencer').default;

class MutationSequencer extends Sequencer {
	sort(tests) {
		const key = (test) => [this.hasFailed(test) ? 0 : 1, this.time(test) ?? Infinity, test.path];
		return [...tests].sort((a, b) => {
			const [x, y] = [key(a), key(b)];
			return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : 1);
		});
	}
}

module.exports = MutationSequencer;
