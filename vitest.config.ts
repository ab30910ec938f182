import { defineConfig } from 'vitest/config';
import { asGlobs, BROWSER_TESTS, EMULATOR_TESTS } from './tests/test-tiers.ts';

const emulator = asGlobs(EMULATOR_TESTS);
const browser = asGlobs(BROWSER_TESTS);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every log line of the run is captured and scanned for contact details at the end.
    globalSetup: ['tests/support/log-scan-global.ts'],
    setupFiles: ['tests/support/log-capture.ts'],
    // The SDK's "future releases need Node 22" notice would otherwise repeat in every worker.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Tiers (README, "Tests"): `vitest run --project unit|emulator|browser`; no flag runs all three.
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: [...emulator, ...browser] },
      },
      { extends: true, test: { name: 'emulator', include: emulator } },
      { extends: true, test: { name: 'browser', include: browser } },
    ],
  },
});
