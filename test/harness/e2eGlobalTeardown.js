// jest globalTeardown of the real-n8n suites: releases the default ports e2eGlobalSetup.js held,
// then the unit tests' teardown.
const unitTeardown = require('./globalTeardown');

module.exports = async () => {
	await Promise.all(
		(globalThis.__heldN8nPorts ?? []).map((holder) => {
			holder.stopped = true;
			clearTimeout(holder.timer);
			return new Promise((resolve) =>
				holder.server ? holder.server.close(() => resolve()) : resolve(),
			);
		}),
	);
	await unitTeardown();
};
