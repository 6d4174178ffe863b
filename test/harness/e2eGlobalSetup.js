// jest globalSetup of the real-n8n suites: the unit tests' set-up, and n8n's default ports held for
// the whole run, as a running `npm run dev` (or any other n8n) holds them. Every n8n the suites start
// must therefore take free ports for everything it listens on; one that falls back on a default
// fails with "port … is already in use". A port that something else already holds stays held by it
// until it lets go, and is held here from then on.
const { createServer } = require('node:net');

const unitSetup = require('./globalSetup');

/** n8n's editor, task broker, a runner's health check (5681), and 5680 between them. */
const DEFAULT_N8N_PORTS = [5678, 5679, 5680, 5681];

/**
 * Holds `port` for the run. One that something else holds (npm run dev, another suite) is taken
 * over as soon as that lets go, so that it stays taken for the whole run either way.
 */
function hold(port) {
	const holder = { server: undefined, timer: undefined, stopped: false };
	const attempt = () =>
		new Promise((resolve) => {
			const server = createServer();
			server.once('error', () => {
				if (!holder.stopped) holder.timer = setTimeout(attempt, 200).unref();
				resolve(false);
			});
			// No host: every address, so that n8n's bind on 127.0.0.1 or 0.0.0.0 collides.
			server.listen(port, () => {
				holder.server = server;
				resolve(true);
			});
		});
	return attempt().then((heldNow) => ({ holder, heldNow }));
}

module.exports = async () => {
	unitSetup();
	const holds = await Promise.all(DEFAULT_N8N_PORTS.map(hold));
	globalThis.__heldN8nPorts = holds.map(({ holder }) => holder);
	console.log(
		`\nn8n's default ports ${DEFAULT_N8N_PORTS.join(', ')} are taken for this run (${holds.filter((h) => h.heldNow).length} held here, the others by another process until it lets go): every n8n started picks free ones.`,
	);
};
