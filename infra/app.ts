import { App } from 'aws-cdk-lib';
import { formatProblem, InvalidInputError } from '../shared/errors.ts';
import { buildApp } from './build-app.ts';
import { loadDeploymentInputs } from './deployment-inputs.ts';
import { placeholderProblems, refusesPlaceholders } from './placeholder-guard.ts';

/** `cdk synth|deploy|diff -c stage=<stage>` (default dev): the stage picks config/<stage>.json. */
const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
try {
  const inputs = loadDeploymentInputs(stage);
  if (refusesPlaceholders(stage)) {
    const problems = placeholderProblems(inputs);
    if (problems.length > 0) {
      // One line per kind of stand-in would hide where they are; the first few show the pattern.
      const shown = problems.slice(0, 20);
      if (problems.length > shown.length) {
        shown.push({ message: `… and ${problems.length - shown.length} more placeholder(s)` });
      }
      throw new InvalidInputError([
        {
          message: `placeholders must be replaced before a ${stage} deployment (people belong in the directory: dtwatch directory import)`,
        },
        ...shown,
      ]);
    }
  }
  buildApp(inputs, app);
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
