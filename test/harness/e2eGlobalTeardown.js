// jest globalTeardown of the real-n8n suites: releases the default ports e2eGlobalSetup.js held,
// then the unit tests' teardown.
const unitTeardown = require('./globalTeardown');

module.exports = async () => {
	await Promise.all(
		(globalThis.__heldN8nPorts ?? []).map(
			(server) => new Promise((resolve) => server.close(() => resolve())),
		),
	);
	await unitTeardown();
};
