import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { AWS_REQUEST_TIMEOUTS } from '../adapters/request-timeouts.ts';
import { onFirstUse } from '../runtime/memo.ts';
import type { SecretRef } from './source-config.ts';

/**
 * Auth header values for sources, looked up by name in SSM Parameter Store (decrypted) or
 * Secrets Manager through Powertools Parameters, whose providers cache each value. A resolver
 * has providers of its own, kept for one run, so a source pulled twice costs one lookup and the
 * next run reads again (a rotated token is picked up). Values never appear in errors or logs:
 * errors name the secret and the SDK error only.
 */

export class SecretResolutionError extends Error {
  override readonly name = 'SecretResolutionError';
}

export interface SecretClients {
  readonly ssm: SSMClient;
  readonly secretsManager: SecretsManagerClient;
}

export interface SecretResolver {
  resolve(ref: SecretRef): Promise<string>;
}

/** Longer than any run (a Lambda lasts at most 15 minutes): a value is read once per run. */
const RUN_SECONDS = 15 * 60;

// Created once per module, from the standard SDK configuration; on first use, so that a run
// without authenticated sources never needs AWS configuration.
const standardClients = onFirstUse(
  (): SecretClients => ({
    ssm: new SSMClient({ ...AWS_REQUEST_TIMEOUTS }),
    secretsManager: new SecretsManagerClient({ ...AWS_REQUEST_TIMEOUTS }),
  }),
);

export function createSecretResolver(clients?: SecretClients): SecretResolver {
  const { ssm, secretsManager } = clients ?? standardClients();
  const parameters = new SSMProvider({ awsSdkV3Client: ssm });
  const secrets = new SecretsProvider({ awsSdkV3Client: secretsManager });
  return {
    async resolve(ref) {
      const [what, read] =
        'ssmParameter' in ref
          ? [
              `SSM parameter ${ref.ssmParameter}`,
              () => parameters.get(ref.ssmParameter, { decrypt: true, maxAge: RUN_SECONDS }),
            ]
          : [`secret ${ref.secretsManager}`, () => secrets.get(ref.secretsManager, { maxAge: RUN_SECONDS })];
      let value: unknown;
      try {
        value = await read();
      } catch (error) {
        throw new SecretResolutionError(`cannot read ${what}: ${sdkErrorName(error)}`, { cause: error });
      }
      if (typeof value !== 'string' || value === '') {
        throw new SecretResolutionError(`${what} has no ${'ssmParameter' in ref ? 'value' : 'string value'}`);
      }
      return value;
    },
  };
}

/** The SDK error's name (ParameterNotFound, AccessDeniedException, ...), never its payload. */
function sdkErrorName(error: unknown): string {
  // Powertools wraps the SDK error in a GetParameterError whose message is the SDK's.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.name : 'unknown error';
}
