// Runs before each test file (jest setupFiles): n8n-core reads these when its services start.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Under the run's folder from globalSetup, which globalTeardown removes with all binary data.
process.env.N8N_USER_FOLDER = mkdtempSync(
	join(process.env.N8N_AI_IMAGE_TEST_ROOT ?? tmpdir(), 'user-'),
);
process.env.N8N_ENCRYPTION_KEY = 'test-encryption-key';
// n8n 2.x's default; set explicitly so the tests never silently fall back to in-memory binaries.
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
