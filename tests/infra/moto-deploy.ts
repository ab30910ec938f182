import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type Output,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { MotoServer } from '../support/moto.ts';

/** moto's default account. */
export const MOTO_ACCOUNT = '123456789012';
const BOOTSTRAP_QUALIFIER = 'hnb659fds';

interface AssetManifest {
  files: Record<
    string,
    {
      source: { path: string; packaging?: 'file' | 'zip' };
      destinations: Record<string, { bucketName: string; objectKey: string }>;
    }
  >;
}

/**
 * Resource types moto's CloudFormation does not model: it skips them with a warning, and a `Ref`
 * or `Fn::GetAtt` on one then resolves to nothing, which breaks what reads it (an IAM statement
 * with no resource, an output moto cannot evaluate). Those references are replaced, in the
 * template moto gets, by stand-ins of the right shape; the resources themselves stay.
 */
const UNMODELLED_BY_MOTO = new Set([
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Stage',
  'AWS::SecretsManager::Secret',
]);

function withReferencesMotoCannotResolve(template: Buffer): Buffer {
  const document = JSON.parse(template.toString('utf8')) as { Resources?: Record<string, { Type: string }> };
  const unmodelled = new Map(
    Object.entries(document.Resources ?? {})
      .filter(([, resource]) => UNMODELLED_BY_MOTO.has(resource.Type))
      .map(([id, resource]) => [id, resource.Type]),
  );
  const standIn = (id: string, type: string, attribute?: string): string =>
    type === 'AWS::SecretsManager::Secret'
      ? `arn:aws:secretsmanager:us-east-1:${MOTO_ACCOUNT}:secret:${id}-AbCdEf`
      : attribute === 'ApiEndpoint'
        ? `https://${id.toLowerCase()}.execute-api.invalid`
        : id.toLowerCase();
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [[key, argument]] = entries as [[string, unknown]];
      if (key === 'Ref' && typeof argument === 'string' && unmodelled.has(argument)) {
        return standIn(argument, unmodelled.get(argument) ?? '');
      }
      if (key === 'Fn::GetAtt' && Array.isArray(argument) && unmodelled.has(String(argument[0]))) {
        const id = String(argument[0]);
        return standIn(id, unmodelled.get(id) ?? '', String(argument[1]));
      }
    }
    return Object.fromEntries(entries.map(([key, inner]) => [key, walk(inner)]));
  };
  return Buffer.from(JSON.stringify(walk(document)));
}

/**
 * Does what `cdk bootstrap` + `cdk deploy` do, against moto: the bootstrap version parameter,
 * the asset bucket, every file asset (directories zipped), then CreateStack from the uploaded
 * template, stack by stack, waiting for each. Returns each stack's outputs.
 */
export async function deployOnMoto(
  moto: MotoServer,
  outdir: string,
  stackNames: readonly string[],
): Promise<Record<string, Record<string, string>>> {
  const region = moto.clientConfig.region;
  const s3 = new S3Client({ ...moto.clientConfig, forcePathStyle: true });
  const ssm = new SSMClient(moto.clientConfig);
  const cloudformation = new CloudFormationClient(moto.clientConfig);
  try {
    await ssm.send(
      new PutParameterCommand({
        Name: `/cdk-bootstrap/${BOOTSTRAP_QUALIFIER}/version`,
        Value: '30',
        Type: 'String',
        Overwrite: true,
      }),
    );
    const assetBucket = `cdk-${BOOTSTRAP_QUALIFIER}-assets-${MOTO_ACCOUNT}-${region}`;
    await s3.send(new CreateBucketCommand({ Bucket: assetBucket }));

    const outputs: Record<string, Record<string, string>> = {};
    for (const stackName of stackNames) {
      const manifest = JSON.parse(
        readFileSync(join(outdir, `${stackName}.assets.json`), 'utf8'),
      ) as AssetManifest;
      let templateKey: string | undefined;
      for (const asset of Object.values(manifest.files)) {
        const body =
          asset.source.packaging === 'zip'
            ? zipDirectory(join(outdir, asset.source.path))
            : asset.source.path === `${stackName}.template.json`
              ? withReferencesMotoCannotResolve(readFileSync(join(outdir, asset.source.path)))
              : readFileSync(join(outdir, asset.source.path));
        for (const destination of Object.values(asset.destinations)) {
          // The manifest's placeholders, filled in as the CLI does.
          const bucket = destination.bucketName
            .replace(['$', '{AWS::AccountId}'].join(''), MOTO_ACCOUNT)
            .replace(['$', '{AWS::Region}'].join(''), region);
          if (bucket !== assetBucket) throw new Error(`asset for unexpected bucket ${bucket}`);
          await s3.send(new PutObjectCommand({ Bucket: bucket, Key: destination.objectKey, Body: body }));
          if (asset.source.path === `${stackName}.template.json`) templateKey = destination.objectKey;
        }
      }
      if (!templateKey) throw new Error(`no template asset for ${stackName}`);
      await cloudformation.send(
        new CreateStackCommand({
          StackName: stackName,
          TemplateURL: `https://s3.${region}.amazonaws.com/${assetBucket}/${templateKey}`,
          Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
        }),
      );
      const stack = await waitForStack(cloudformation, stackName);
      outputs[stackName] = Object.fromEntries(
        (stack.Outputs ?? []).map((output: Output) => [output.OutputKey ?? '', output.OutputValue ?? '']),
      );
    }
    return outputs;
  } finally {
    s3.destroy();
    ssm.destroy();
    cloudformation.destroy();
  }
}

async function waitForStack(cloudformation: CloudFormationClient, stackName: string) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = Stacks?.[0];
    const status = stack?.StackStatus ?? 'UNKNOWN';
    if (!status.endsWith('_IN_PROGRESS')) {
      if (status === 'CREATE_COMPLETE' && stack) return stack;
      const { StackEvents } = await cloudformation.send(
        new DescribeStackEventsCommand({ StackName: stackName }),
      );
      const reasons = (StackEvents ?? [])
        .filter((event) => event.ResourceStatusReason)
        .map((event) => `${event.LogicalResourceId}: ${event.ResourceStatusReason}`);
      throw new Error(`${stackName} ended ${status}:\n${reasons.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${stackName} still in progress`);
}

/** Lambda code assets are directories; the CLI zips them before upload (contents at the root). */
function zipDirectory(directory: string): Buffer {
  const scratch = mkdtempSync(join(tmpdir(), 'dtwatch-asset-'));
  const target = join(scratch, 'asset');
  const zipped = spawnSync(
    'python3',
    ['-c', 'import shutil, sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[2])', target, directory],
    { encoding: 'utf8' },
  );
  try {
    if (zipped.status !== 0) throw new Error(`zipping ${directory} failed: ${zipped.stderr}`);
    return readFileSync(`${target}.zip`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A deployed function's configuration, read back from moto's Lambda API (REST, unsigned is fine). */
export async function deployedFunctionEnvironment(
  moto: MotoServer,
  functionName: string,
): Promise<Record<string, string>> {
  const response = await fetch(`${moto.endpoint}/2015-03-31/functions/${encodeURIComponent(functionName)}`, {
    headers: {
      Authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${moto.clientConfig.region}/lambda/aws4_request, SignedHeaders=host, Signature=0`,
    },
  });
  if (!response.ok)
    throw new Error(`GetFunction ${functionName}: HTTP ${response.status} ${await response.text()}`);
  const body = (await response.json()) as {
    Configuration?: { Environment?: { Variables?: Record<string, string> } };
  };
  return body.Configuration?.Environment?.Variables ?? {};
}
