import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { SecretRef } from './source-config.ts';

/**
 * Auth header values for sources, looked up by name in SSM Parameter Store (decrypted) or
 * Secrets Manager. A resolver caches values for its own lifetime (one run), so a source pulled
 * twice costs one lookup. Values never appear in errors or logs: errors name the secret only.
 */

export class SecretResolutionError extends Error {
  override readonly name = 'SecretResolutionError';
}

export interface SecretClients {
  readonly ssm: Pick<SSMClient, 'send'>;
  readonly secretsManager: Pick<SecretsManagerClient, 'send'>;
}

export interface SecretResolver {
  resolve(ref: SecretRef): Promise<string>;
}

// Created once per module, from the standard SDK configuration; lazily, so that a run without
// authenticated sources never needs AWS configuration.
let defaultClients: SecretClients | undefined;
function standardClients(): SecretClients {
  defaultClients ??= { ssm: new SSMClient({}), secretsManager: new SecretsManagerClient({}) };
  return defaultClients;
}

export function createSecretResolver(clients?: SecretClients): SecretResolver {
  const cache = new Map<string, Promise<string>>();
  return {
    resolve(ref) {
      const key = 'ssmParameter' in ref ? `ssm:${ref.ssmParameter}` : `sm:${ref.secretsManager}`;
      let pending = cache.get(key);
      if (!pending) {
        pending = lookUp(ref, clients ?? standardClients());
        // A failed lookup is not cached: the next source may try again.
        pending.catch(() => cache.delete(key));
        cache.set(key, pending);
      }
      return pending;
    },
  };
}

async function lookUp(ref: SecretRef, clients: SecretClients): Promise<string> {
  if ('ssmParameter' in ref) {
    const name = ref.ssmParameter;
    try {
      const output = await clients.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
      const value = output.Parameter?.Value;
      if (!value) throw new SecretResolutionError(`SSM parameter ${name} has no value`);
      return value;
    } catch (error) {
      if (error instanceof SecretResolutionError) throw error;
      throw new SecretResolutionError(`cannot read SSM parameter ${name}: ${errorName(error)}`, {
        cause: error,
      });
    }
  }
  const name = ref.secretsManager;
  try {
    const output = await clients.secretsManager.send(new GetSecretValueCommand({ SecretId: name }));
    const value = output.SecretString;
    if (!value) throw new SecretResolutionError(`secret ${name} has no string value`);
    return value;
  } catch (error) {
    if (error instanceof SecretResolutionError) throw error;
    throw new SecretResolutionError(`cannot read secret ${name}: ${errorName(error)}`, { cause: error });
  }
}

/** The SDK error's name (ParameterNotFound, AccessDeniedException, ...), never its payload. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}
