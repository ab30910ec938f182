// biome-ignore-all lint/suspicious/noExplicitAny: synthesized templates and AWS JSON answers are untyped documents read by path.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildApp } from '../../infra/build-app.ts';
import { type DeploymentInputs, loadDeploymentInputs } from '../../infra/deployment-inputs.ts';

export interface Synthesized {
  readonly inputs: DeploymentInputs;
  readonly assembly: CloudAssembly;
  readonly outdir: string;
  readonly stateful: Record<string, any>;
  readonly stateless: Record<string, any>;
  readonly statefulName: string;
  readonly statelessName: string;
}

/**
 * Synthesizes the whole app once (cdk-nag runs as part of it: any unacknowledged finding throws
 * here). `bundle: false` skips esbuild for tests that only read the templates.
 */
export function synthesize(options: { stage: string; configFile?: string; bundle: boolean }): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), `dtwatch-cdk-${options.stage}-`));
  const app = new App({
    outdir,
    context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] },
  });
  const inputs = loadDeploymentInputs(options.stage, { configFile: options.configFile });
  const { stateful, stateless } = buildApp(inputs, app);
  const assembly = app.synth();
  return {
    inputs,
    assembly,
    outdir,
    stateful: assembly.getStackByName(stateful.stackName).template,
    stateless: assembly.getStackByName(stateless.stackName).template,
    statefulName: stateful.stackName,
    statelessName: stateless.stackName,
  };
}

/** Resources of one type, by logical id. */
export function resourcesOf(template: Record<string, any>, type: string): [string, any][] {
  return Object.entries(template.Resources as Record<string, any>).filter(
    ([, resource]) => resource.Type === type,
  );
}
