import { App } from 'aws-cdk-lib';
import { formatProblem, InvalidInputError } from '../shared/errors.ts';
import { buildApp } from './build-app.ts';
import { loadDeploymentInputs } from './deployment-inputs.ts';

/** `cdk synth|deploy|diff -c stage=<stage>` (default dev): the stage picks config/<stage>.json. */
const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
try {
  buildApp(loadDeploymentInputs(stage), app);
} catch (error) {
  if (error instanceof InvalidInputError || error instanceof RangeError) {
    const lines = error instanceof InvalidInputError ? error.problems.map(formatProblem) : [error.message];
    console.error(
      `dtwatch: cannot build the ${stage} deployment:\n${lines.map((line) => `  ${line}`).join('\n')}`,
    );
    process.exit(1);
  }
  throw error;
}
app.synth();
