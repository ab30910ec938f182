import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './repo-root.ts';

/**
 * `npm run synth [-- -c stage=prod]`: synthesizes offline (no version check, no notices, no
 * lookups) and prints where each stack's template is.
 */
const outdir = join(REPO_ROOT, 'cdk.out');
const result = spawnSync(
  'npx',
  [
    'cdk',
    'synth',
    '--quiet',
    '--no-notices',
    '--no-version-reporting',
    '--output',
    outdir,
    ...process.argv.slice(2),
  ],
  { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } },
);
if (result.status !== 0) process.exit(result.status ?? 1);

const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
  artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
};
console.log('Templates:');
for (const [name, artifact] of Object.entries(manifest.artifacts)) {
  if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
  console.log(`  ${name}: ${relative(process.cwd(), join(outdir, artifact.properties.templateFile))}`);
}
