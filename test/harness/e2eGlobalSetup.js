// jest globalSetup of the real-n8n suites: the unit tests' set-up, and n8n's default ports held for
// the whole run, as a running `npm run dev` (or any other n8n) holds them. Every n8n the suites start
// must therefore take free ports for everything it listens on; one that falls back on a default
// fails with "port … is already in use". A port that something else already holds stays held by it.
const { createServer } = require('node:net');

const unitSetup = require('./globalSetup');

/** n8n's editor, task broker, a runner's health check (5681), and 5680 between them. */
const DEFAULT_N8N_PORTS = [5678, 5679, 5680, 5681];

const hold = (port) =>
	new Promise((resolve) => {
		const server = createServer();
		// Taken already (by npm run dev, say): that is as good.
		server.once('error', () => resolve(undefined));
		// No host: every address, so that n8n's bind on 127.0.0.1 or 0.0.0.0 collides.
		server.listen(port, () => resolve(server));
	});

module.exports = async () => {
	unitSetup();
	const held = await Promise.all(DEFAULT_N8N_PORTS.map(hold));
	globalThis.__heldN8nPorts = held.filter(Boolean);
	console.log(
		`\nn8n's default ports ${DEFAULT_N8N_PORTS.join(', ')} are taken for this run (${globalThis.__heldN8nPorts.length} held here, the others by another process): every n8n started picks free ones.`,
	);
};
