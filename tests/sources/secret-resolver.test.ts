import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretResolver, SecretResolutionError } from '../../shared/sources/secret-resolver.ts';
import { type MotoServer, startMoto } from '../support/moto.ts';

let moto: MotoServer;
let ssm: SSMClient;
let secretsManager: SecretsManagerClient;

/** A client of its own whose requests to moto are counted. */
function counting<T extends SSMClient | SecretsManagerClient>(make: () => T) {
  const counter = { calls: 0 };
  const client = make();
  (client.middlewareStack as SSMClient['middlewareStack']).add(
    (next) => (args) => {
      counter.calls++;
      return next(args);
    },
    { step: 'initialize', name: 'countLookups' },
  );
  clients.push(client);
  return { client, counter };
}
const clients: (SSMClient | SecretsManagerClient)[] = [];
const newSsm = () => new SSMClient(moto.clientConfig);
const newSecretsManager = () => new SecretsManagerClient(moto.clientConfig);

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
  for (const client of clients) client.destroy();
  await moto?.stop();
});

describe('secret resolver against moto', () => {
  it('reads a SecureString parameter (decrypted) and a Secrets Manager secret, once each per run', async () => {
    const countedSsm = counting(newSsm);
    const countedSm = counting(newSecretsManager);
    const resolver = createSecretResolver({ ssm: countedSsm.client, secretsManager: countedSm.client });
    expect(await resolver.resolve({ ssmParameter: '/dtwatch/portal-token' })).toBe('Bearer s3cr3t-ssm');
    expect(await resolver.resolve({ ssmParameter: '/dtwatch/portal-token' })).toBe('Bearer s3cr3t-ssm');
    expect(await resolver.resolve({ secretsManager: 'dtwatch/stats-key' })).toBe('k3y-from-sm');
    expect(await resolver.resolve({ secretsManager: 'dtwatch/stats-key' })).toBe('k3y-from-sm');
    expect(countedSsm.counter.calls).toBe(1);
    expect(countedSm.counter.calls).toBe(1);
  });

  it('a new resolver (a new run) reads again', async () => {
    const countedSsm = counting(newSsm);
    const first = createSecretResolver({ ssm: countedSsm.client, secretsManager });
    await first.resolve({ ssmParameter: '/dtwatch/portal-token' });
    const second = createSecretResolver({ ssm: countedSsm.client, secretsManager });
    await second.resolve({ ssmParameter: '/dtwatch/portal-token' });
    expect(countedSsm.counter.calls).toBe(2);
  });

  it('names a missing secret without any value, and does not cache the failure', async () => {
    const countedSsm = counting(newSsm);
    const resolver = createSecretResolver({ ssm: countedSsm.client, secretsManager });
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
