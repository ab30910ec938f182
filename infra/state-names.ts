import { Aws } from 'aws-cdk-lib';

/**
 * Fixed names of the retained resources. The stateless stack finds them by name rather than
 * through CloudFormation exports, so either stack can be replaced on its own and the IAM
 * policies read as plain ARNs.
 */
export function stateNames(stage: string): {
  table: string;
  reportBucket: string;
  catalogBucket: string;
  keyAlias: string;
} {
  return {
    table: `dtwatch-${stage}`,
    reportBucket: `dtwatch-${stage}-reports-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
    catalogBucket: `dtwatch-${stage}-catalogs-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
    keyAlias: `alias/dtwatch-${stage}`,
  };
}
