import * as z from 'zod';
import { parseConfig } from '../zod-problems.ts';

/**
 * The environment the CDK app gives each Lambda function (and that `dtwatch invoke` reuses).
 * Each handler parses the part it needs once, at module load, so a missing or malformed variable
 * fails the first invocation with the variable's name instead of somewhere deep in a run.
 */

/** A variable holding JSON that `schema` accepts; `what` says what it must be. */
export const jsonOf = <T extends z.ZodType>(schema: T, what: string) =>
  z.string({ error: 'is not set' }).transform((text, ctx): z.infer<T> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be JSON (${what})` });
      return z.NEVER;
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      ctx.addIssue({ code: 'custom', message: `must be ${what}` });
      return z.NEVER;
    }
    return result.data;
  });

const required = z.string({ error: 'is not set' }).min(1, 'is empty');
/** Programme id → file path, relative to the working directory (`/var/task` in Lambda). */
const pathsByProgramme = z.record(z.string().regex(/^[A-Za-z0-9._-]+$/), z.string().min(1));

export const storeEnvSchema = z.object({ DTWATCH_TABLE: required });

export const sourcesEnvSchema = z.object({
  DTWATCH_SOURCES: jsonOf(pathsByProgramme, 'a JSON object {"<programme id>": "<sources path>"}').default({}),
});

export const digestEnvSchema = z.object({
  DTWATCH_REPORT_BUCKET: required,
  /** The web app's address: the e-mail links to its digest page. */
  DTWATCH_WEB_BASE_URL: z.string().url().optional(),
});

/**
 * The catalogs (DTWATCH_CATALOG_BUCKET and DTWATCH_PROGRAMMES, or DTWATCH_CATALOGS for local files)
 * are read by functions/runtime/programme-files.ts.
 */
export const ingestEnv = storeEnvSchema.extend(sourcesEnvSchema.shape);
/**
 * The SNS notifier reads its own variables (DTWATCH_EMAIL_TOPIC_ARN_PREFIX, …) when it is built.
 * With the web app's address, alert e-mails carry links signed with the web app's key (the same
 * secret): the address needs the secret.
 */
export const evaluateNotifyEnv = storeEnvSchema
  .extend({
    DTWATCH_WEB_BASE_URL: z.string().url().optional(),
    DTWATCH_WEB_KEY_SECRET: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.DTWATCH_WEB_BASE_URL !== undefined && env.DTWATCH_WEB_KEY_SECRET === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['DTWATCH_WEB_KEY_SECRET'],
        message: 'is not set (alert links to DTWATCH_WEB_BASE_URL are signed with that secret)',
      });
    }
  });
export const digestEnv = storeEnvSchema.extend(digestEnvSchema.shape);

/** Parses the variables `schema` names; a ConfigError lists every missing or malformed one. */
export function parseRuntimeEnv<T extends z.ZodType>(
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<T> {
  return parseConfig(schema, env);
}

/** The web function: the signing key's secret and, optionally, its public address for e-mailed links. */
export const webEnvSchema = z.object({
  DTWATCH_WEB_KEY_SECRET: required,
  DTWATCH_WEB_BASE_URL: z.string().url().optional(),
});
export const webEnv = storeEnvSchema.extend(webEnvSchema.shape);
