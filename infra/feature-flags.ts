import type { App } from 'aws-cdk-lib';

/**
 * CDK feature flags the app relies on, set in code (not only in cdk.json) so that tests building
 * the app directly synthesize the same templates as `cdk synth`.
 */
export const FEATURE_FLAGS: Readonly<Record<string, unknown>> = {
  // Server access logs through a bucket policy, which works with BucketOwnerEnforced buckets.
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
  // The only cross-stack reference is the KMS key; keep CloudFormation's export protection on it.
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
  '@aws-cdk/aws-iam:standardizedServicePrincipals': true,
  '@aws-cdk/core:target-partitions': ['aws'],
  '@aws-cdk/aws-sns:restrictSqsDescryption': true,
  '@aws-cdk/aws-kms:applyImportedAliasPermissionsToPrincipal': true,
};

export function applyFeatureFlags(app: App): void {
  for (const [flag, value] of Object.entries(FEATURE_FLAGS)) {
    if (app.node.tryGetContext(flag) === undefined) app.node.setContext(flag, value);
  }
}
