import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

export interface Acknowledgement {
  /** A cdk-nag rule id, with the finding in brackets where the rule reports several. */
  readonly id: string;
  /** Why this finding is acceptable here, specific to the resource. */
  readonly reason: string;
}

/** Records acknowledged cdk-nag findings on one construct (CDK's native acknowledgement API). */
export function acknowledge(scope: IConstruct, acknowledgements: readonly Acknowledgement[]): void {
  for (const acknowledgement of acknowledgements) Validations.of(scope).acknowledge(acknowledgement);
}

/**
 * The id cdk-nag gives a wildcard-resource finding (`AwsSolutions-IAM5[Resource::…]`) for `arn`,
 * computed the way cdk-nag flattens references, so an acknowledgement names exactly one ARN.
 */
export function wildcardResourceFinding(scope: IConstruct, arn: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(arn))}]`;
}
