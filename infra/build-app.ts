import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { DeploymentInputs } from './deployment-inputs.ts';
import { applyFeatureFlags } from './feature-flags.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export interface BuiltApp {
  readonly app: App;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/**
 * The whole dtwatch deployment for one stage: a stateful stack (retained data) and a stateless
 * one, checked by cdk-nag's AwsSolutions and Serverless packs during synthesis (a finding that
 * is not acknowledged with a reason fails the synth).
 */
export function buildApp(inputs: DeploymentInputs, app: App = new App()): BuiltApp {
  const { config } = inputs;
  applyFeatureFlags(app);
  const env = {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: config.region ?? process.env.CDK_DEFAULT_REGION,
  };
  const prefix = `dtwatch-${config.stage}`;
  const tags = { application: 'dtwatch', stage: config.stage };
  const stateful = new StatefulStack(app, `${prefix}-stateful`, {
    config,
    env,
    tags,
    terminationProtection: config.stage === 'prod',
    description: `dtwatch ${config.stage}: table, buckets and key (retained)`,
  });
  const stateless = new StatelessStack(app, `${prefix}-stateless`, {
    inputs,
    key: stateful.key,
    env,
    tags,
    description: `dtwatch ${config.stage}: functions, schedules, topics and alarms`,
  });
  stateless.addStackDependency(stateful);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stateful, stateless };
}
