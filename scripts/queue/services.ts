// Redis and PostgreSQL for queue mode, started by the test itself from Debian's packages on free
// ports with their data in a temporary folder, and always stopped (processes started here are not
// reaped by PID 1, so each is stopped with its own tool and waited for).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../ports';

const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface Service {
	port: number;
	stop(): Promise<void>;
}

function must(command: string, args: string[], what: string): string {
	const result = spawnSync(command, args, { encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(`${what} failed (exit ${result.status}): ${result.stdout}\n${result.stderr}`);
	return result.stdout;
}

/** Whether Debian's redis-server and PostgreSQL server are installed (`.ci/run` installs them). */
export function servicesInstalled(): boolean {
	return existsSync('/usr/bin/redis-server') && existsSync(join(PG_BIN, 'initdb'));
}

export async function startRedis(): Promise<Service> {
	const dir = mkdtempSync(join(tmpdir(), 'queue-redis-'));
	const port = await freePort();
	must(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'yes',
			'--pidfile',
			join(dir, 'redis.pid'),
		],
		'redis-server',
	);
	for (let i = 0; i < 50; i++) {
		if (
			spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.includes(
				'PONG',
			)
		)
			break;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		port,
		async stop() {
			spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Commands as the postgres user when running as root (initdb refuses root). */
function asPostgres(command: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0
		? ['runuser', ['-u', 'postgres', '--', command, ...args]]
		: [command, args];
}

export async function startPostgres(database = 'n8n'): Promise<Service> {
	const dir = mkdtempSync(join(tmpdir(), 'queue-pg-'));
	chmodSync(dir, 0o700);
	if (process.getuid?.() === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(dir, uid, gid);
	}
	const port = await freePort();
	const cluster = join(dir, 'cluster');
	must(
		...asPostgres(join(PG_BIN, 'initdb'), ['-D', cluster, '-U', 'postgres', '--auth=trust']),
		'initdb',
	);
	must(
		...asPostgres(join(PG_BIN, 'pg_ctl'), [
			'-D',
			cluster,
			'-o',
			`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
			'-l',
			join(dir, 'log'),
			'-w',
			'start',
		]),
		'pg_ctl start',
	);
	must(
		'psql',
		['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', `CREATE DATABASE ${database}`],
		'createdb',
	);
	return {
		port,
		async stop() {
			spawnSync(...asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', cluster, '-m', 'fast', '-w', 'stop']));
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** A query's rows as text (psql -At), for assertions on what n8n stored. */
export function psql(port: number, sql: string, database = 'n8n'): string[] {
	return must(
		'psql',
		['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-At', '-c', sql],
		'psql',
	)
		.split('\n')
		.filter(Boolean);
}
