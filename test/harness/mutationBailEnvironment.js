// The test environment of mutation runs (jest.stryker.config.js). Stryker asks its runners to stop
// at a mutant's first failing test, but jest's own `bail` ends the process, so Stryker's jest runner
// turns it off and every mutant ran every test that covers it — for code that every item passes
// through, the whole suite, even when the first test had already killed the mutant. Here, once a
// test fails while a mutant is active, the rest of that mutant's run is skipped. The
// outcome (killed or survived) is the same; only `killedBy` lists the first failure alone.
const { TestEnvironment } = require('jest-environment-node');

// Stryker sets this variable to the active mutant's id for each mutant run; the dry run has none.
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';

// Module state lives in the runner's process, across the test files of one in-band jest run.
let failedMutant;

class MutationBailEnvironment extends TestEnvironment {
	handleTestEvent(event) {
		const mutant = process.env[ACTIVE_MUTANT];
		if (mutant === undefined) return;
		// Only a test that ends with errors counts: a failing beforeAll hook (the package failing to
		// load under the mutant, say) is reported through the errors it adds to each test below it,
		// and skipping those tests would hide it (the mutant then counted as survived).
		if (event.name === 'test_done' && event.test.errors.length) failedMutant = mutant;
		else if (failedMutant === mutant && event.name === 'run_describe_start')
			event.describeBlock.mode = 'skip';
		else if (failedMutant === mutant && event.name === 'test_start') event.test.mode = 'skip';
	}
}

module.exports = MutationBailEnvironment;
