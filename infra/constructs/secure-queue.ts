import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag-acknowledgements.ts';

export interface SecureQueueProps {
  /** What ends up in the queue, for the acknowledgement reasons and the console. */
  readonly purpose: string;
}

/**
 * A dead-letter queue: encrypted at rest (SQS-managed keys, so AWS services can write to it
 * without key grants), TLS-only, messages kept for the longest period SQS allows.
 */
export class SecureQueue extends Construct {
  readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string, props: SecureQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(this.queue, [
      {
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself the dead-letter queue (${props.purpose}); operators inspect and redrive it.`,
      },
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason: `Dead-letter queue for ${props.purpose}: nothing consumes it automatically, so there is nothing to redrive from it.`,
      },
    ]);
  }
}
