// biome-ignore-all lint/suspicious/noExplicitAny: synthesized templates are untyped documents read by path.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcesOf, type Synthesized, synthesize } from './synthesize.ts';

/** The web app's slice of the stateless stack (dev stage), synthesized with cdk-nag on. */
let dev: Synthesized;
// Synthesis with cdk-nag takes half a minute alone and more on a busy machine.
beforeAll(() => {
  dev = synthesize({ stage: 'dev', bundle: false });
}, 300_000);
afterAll(() => rmSync(dev.outdir, { recursive: true, force: true }));

const only = (template: Record<string, any>, type: string) => {
  const found = resourcesOf(template, type);
  expect(found, type).toHaveLength(1);
  return found[0]?.[1];
};

describe('the web app in the stateless stack', () => {
  it('is one function behind a throttled, access-logged HTTP API (default stage, every route to the app)', () => {
    const api = only(dev.stateless, 'AWS::ApiGatewayV2::Api');
    expect(api.Properties.ProtocolType).toBe('HTTP');
    const stage = only(dev.stateless, 'AWS::ApiGatewayV2::Stage');
    expect(stage.Properties.StageName).toBe('$default');
    expect(stage.Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: 20,
      ThrottlingBurstLimit: 40,
    });
    expect(stage.Properties.AccessLogSettings.DestinationArn).toBeDefined();
    expect(stage.Properties.AccessLogSettings.Format).not.toContain('queryString');
    const route = only(dev.stateless, 'AWS::ApiGatewayV2::Route');
    expect(route.Properties.RouteKey).toBe('$default');
    const webFunctions = resourcesOf(dev.stateless, 'AWS::Lambda::Function').filter(([id]) =>
      id.startsWith('WebFunction'),
    );
    expect(webFunctions).toHaveLength(1);
    const [, fn] = webFunctions[0] as [string, any];
    expect(fn.Properties.Runtime).toBe('nodejs24.x');
    expect(fn.Properties.Environment.Variables.DTWATCH_WEB_KEY_SECRET).toBe('dtwatch-dev-web-signing-key');
  });

  it('keeps its signing key in a retained secret encrypted with the stage key, readable by the web and evaluate-notify functions only', () => {
    const [[secretId, secret]] = resourcesOf(dev.stateless, 'AWS::SecretsManager::Secret') as [[string, any]];
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(secret.Properties.KmsKeyId).toBeDefined();
    const readers = resourcesOf(dev.stateless, 'AWS::IAM::Policy').filter(([, policy]) =>
      policy.Properties.PolicyDocument.Statement.some(
        (statement: any) =>
          [statement.Action].flat().includes('secretsmanager:GetSecretValue') &&
          JSON.stringify(statement.Resource).includes(secretId),
      ),
    );
    expect(readers.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'EvaluateNotifyRoleDefaultPolicy',
      'WebFunctionRoleDefaultPolicy',
    ]);
  });

  it('alert e-mails carry signed links: evaluate-notify knows the app address and the secret name', () => {
    const evaluateNotify = resourcesOf(dev.stateless, 'AWS::Lambda::Function').find(([id]) =>
      id.startsWith('EvaluateNotifyFunction'),
    );
    const variables = evaluateNotify?.[1].Properties.Environment.Variables;
    expect(JSON.stringify(variables.DTWATCH_WEB_BASE_URL)).toContain('WebApi');
    expect(variables.DTWATCH_WEB_KEY_SECRET).toBe('dtwatch-dev-web-signing-key');
  });

  it('may write only acknowledgements, spent sign-in links, mutes, people and audit records to the table', () => {
    const [, policy] = resourcesOf(dev.stateless, 'AWS::IAM::Policy').find(([id]) =>
      id.startsWith('WebFunctionRole'),
    ) as [string, any];
    const writes = policy.Properties.PolicyDocument.Statement.filter((statement: any) =>
      [statement.Action]
        .flat()
        .some((action: string) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(action)),
    );
    const written = new Map<string, string[]>(
      writes.map((statement: any) => [
        [statement.Action].flat().join(','),
        statement.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'].map(
          (key: string) => key.split('#')[0],
        ),
      ]),
    );
    expect(
      Object.fromEntries([...written].map(([action, kinds]) => [action, [...new Set(kinds)].sort()])),
    ).toEqual({
      'dynamodb:PutItem': ['ACK', 'MUTE', 'SIGNIN'],
      'dynamodb:UpdateItem': ['MUTE'],
      'dynamodb:BatchWriteItem': ['AUDIT', 'PEOPLE'],
    });
  });

  it('the digest e-mail links to the web app', () => {
    const digest = resourcesOf(dev.stateless, 'AWS::Lambda::Function').find(([id]) =>
      id.startsWith('DigestFunction'),
    );
    expect(JSON.stringify(digest?.[1].Properties.Environment.Variables.DTWATCH_WEB_BASE_URL)).toContain(
      'WebApi',
    );
  });
});
