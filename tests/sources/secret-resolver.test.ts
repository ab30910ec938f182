import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretResolver, SecretResolutionError } from '../../shared/sources/secret-resolver.ts';
import { type MotoServer, startMoto } from '../support/moto.ts';

let moto: MotoServer;
let ssm: SSMClient;
let secretsManager: SecretsManagerClient;

/** Counts the lookups that reach moto. */
function counting<T extends { send: (...args: never[]) => Promise<unknown> }>(client: T) {
  const counter = { calls: 0 };
  const wrapped = {
    send: ((...args: Parameters<T['send']>) => {
      counter.calls++;
      return client.send(...args);
    }) as T['send'],
  };
  return { wrapped, counter };
}

beforeAll(async () => {
  moto = await startMoto();
  ssm = new SSMClient(moto.clientConfig);
  secretsManager = new SecretsManagerClient(moto.clientConfig);
  await ssm.send(
    new PutParameterCommand({
      Name: '/dtwatch/portal-token',
      Value: 'Bearer s3cr3t-ssm',
      Type: 'SecureString',
    }),
  );
  await secretsManager.send(
    new CreateSecretCommand({ Name: 'dtwatch/stats-key', SecretString: 'k3y-from-sm' }),
  );
});
afterAll(async () => {
  ssm?.destroy();
  secretsManager?.destroy();
  await moto?.stop();
});

describe('secret resolver against moto', () => {
  it('reads a SecureString parameter (decrypted) and a Secrets Manager secret, once each per run', async () => {
    const countedSsm = counting(ssm);
    const countedSm = counting(secretsManager);
    const resolver = createSecretResolver({ ssm: countedSsm.wrapped, secretsManager: countedSm.wrapped });
    expect(await resolver.resolve({ ssmParameter: '/dtwatch/portal-token' })).toBe('Bearer s3cr3t-ssm');
    expect(await resolver.resolve({ ssmParameter: '/dtwatch/portal-token' })).toBe('Bearer s3cr3t-ssm');
    expect(await resolver.resolve({ secretsManager: 'dtwatch/stats-key' })).toBe('k3y-from-sm');
    expect(await resolver.resolve({ secretsManager: 'dtwatch/stats-key' })).toBe('k3y-from-sm');
    expect(countedSsm.counter.calls).toBe(1);
    expect(countedSm.counter.calls).toBe(1);
  });

  it('a new resolver (a new run) reads again', async () => {
    const countedSsm = counting(ssm);
    createSecretResolver({ ssm: countedSsm.wrapped, secretsManager });
    const second = createSecretResolver({ ssm: countedSsm.wrapped, secretsManager });
    await second.resolve({ ssmParameter: '/dtwatch/portal-token' });
    expect(countedSsm.counter.calls).toBe(1);
  });

  it('names a missing secret without any value, and does not cache the failure', async () => {
    const countedSsm = counting(ssm);
    const resolver = createSecretResolver({ ssm: countedSsm.wrapped, secretsManager });
    await expect(resolver.resolve({ ssmParameter: '/dtwatch/missing' })).rejects.toThrow(
      SecretResolutionError,
    );
    await expect(resolver.resolve({ ssmParameter: '/dtwatch/missing' })).rejects.toThrow(
      /cannot read SSM parameter \/dtwatch\/missing: ParameterNotFound/,
    );
    expect(countedSsm.counter.calls).toBe(2);
    await expect(resolver.resolve({ secretsManager: 'dtwatch/missing' })).rejects.toThrow(
      /cannot read secret dtwatch\/missing: ResourceNotFoundException/,
    );
  });
});
