// Set before n8n-core's services start (imported first by every benchmark entry point).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const userFolder = mkdtempSync(join(tmpdir(), 'n8n-ai-image-bench-'));
process.env.N8N_USER_FOLDER = userFolder;
// The binary data of every run lands here (gigabytes in the memory benchmark): remove it on exit.
process.on('exit', () => rmSync(userFolder, { recursive: true, force: true }));
process.env.N8N_ENCRYPTION_KEY = 'bench-encryption-key';
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
process.env.N8N_LOG_LEVEL = 'silent';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
