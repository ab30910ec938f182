import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { allowSecretRead } from '../grants.ts';
import { acknowledge } from '../nag-acknowledgements.ts';
import { ServiceFunction } from './service-function.ts';

export interface WebApiProps {
  readonly stage: string;
  /** Absent on a lean stage: the secret uses Secrets Manager's AWS-managed key. */
  readonly key?: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  readonly environment: Record<string, string>;
  readonly bundledFiles: readonly string[];
  /** Steady requests per second across the API, and the burst above it. */
  readonly throttle: { readonly rate: number; readonly burst: number };
}

/**
 * The web app: one function (the house construct) behind an HTTP API whose default stage is
 * throttled and access-logged, and the secret holding the key that signs links and sessions.
 * Sign-in happens in the app (signed links, session cookies), so the API has no authorizer.
 */
export class WebApi extends Construct {
  readonly service: ServiceFunction;
  readonly api: apigwv2.HttpApi;
  readonly signingKey: secretsmanager.Secret;
  private readonly secretName: string;
  private readonly key: kms.IKey | undefined;

  constructor(scope: Construct, id: string, props: WebApiProps) {
    super(scope, id);
    const secretName = `dtwatch-${props.stage}-web-signing-key`;
    this.secretName = secretName;
    this.key = props.key;
    this.signingKey = new secretsmanager.Secret(this, 'SigningKey', {
      secretName,
      description: `dtwatch ${props.stage}: signs web sign-in links, alert links and session cookies`,
      encryptionKey: props.key,
      // 64 letters and digits read as base64: 48 random bytes.
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.signingKey, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'Rotating the signing key signs everyone out and voids the 30-day alert links in sent e-mails; it is rotated by hand when needed (docs/security.md).',
      },
    ]);

    this.service = new ServiceFunction(this, 'Function', {
      stage: props.stage,
      logRetention: props.logRetention,
      name: 'web',
      description: 'The web app: overview, unit and series pages, alerts and acknowledgements',
      memorySize: 1536,
      timeout: Duration.seconds(29),
      invocation: 'sync',
      environment: { ...props.environment, DTWATCH_WEB_KEY_SECRET: secretName },
      bundledFiles: props.bundledFiles,
    });
    allowSecretRead(this.service.role, this.signingKey.secretArn, props.key);

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: `dtwatch ${props.stage}: the web app`,
      defaultIntegration: new HttpLambdaIntegration('App', this.service.function),
      createDefaultStage: true,
    });
    const stage = this.api.defaultStage?.node.defaultChild as apigwv2.CfnStage;
    stage.defaultRouteSettings = {
      throttlingRateLimit: props.throttle.rate,
      throttlingBurstLimit: props.throttle.burst,
    };
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      // No query string: sign-in and alert links carry their token there.
      format: JSON.stringify({
        requestId: '$context.requestId',
        time: '$context.requestTime',
        method: '$context.httpMethod',
        path: '$context.path',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
      }),
    };
    for (const route of this.api.node.findAll()) {
      if (route instanceof apigwv2.CfnRoute) {
        acknowledge(route, [
          {
            id: 'AwsSolutions-APIG4',
            reason:
              'The app authenticates every request itself (signed single-use sign-in links, signed session cookies, scopes per page); an API authorizer cannot read them.',
          },
        ]);
      }
    }
  }

  /**
   * Lets a notifying function put signed alert links into its e-mails: the app's address, the
   * secret's name, and a read of that one secret (no other function than these two reads it).
   */
  allowLinkSigning(service: ServiceFunction): void {
    service.function.addEnvironment('DTWATCH_WEB_BASE_URL', this.api.apiEndpoint);
    service.function.addEnvironment('DTWATCH_WEB_KEY_SECRET', this.secretName);
    allowSecretRead(service.role, this.signingKey.secretArn, this.key);
  }
}
