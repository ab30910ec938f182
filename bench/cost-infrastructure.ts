import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../infra/build-app.ts';
import { loadDeploymentInputs } from '../infra/deployment-inputs.ts';

/** What the cost model reads off the synthesized prod templates (no bundling, nothing deployed). */
export interface DeployedShape {
  /** The stage whose config/<stage>.json was synthesized. */
  readonly stage: string;
  readonly region: string;
  /** MB by function label (Ingest, EvaluateNotify, Digest, S3Inbox). */
  readonly memoryMb: Record<string, number>;
  /** Billed alarm metrics: one per alarm, or one per metric a metric-math alarm reads. */
  readonly alarmMetrics: number;
  readonly alarms: number;
  readonly dashboards: number;
  readonly kmsKeys: number;
  readonly queues: number;
  readonly logGroups: number;
  readonly emailTopics: number;
  /** State transitions of one execution on the happy path (no retries): `fixed + perProgramme × P`. */
  readonly transitions: { fixed: number; perProgramme: number };
  readonly logRetentionDays: number;
  readonly reportRetentionDays: number;
}

const FUNCTION_LABELS = ['Ingest', 'EvaluateNotify', 'Digest', 'S3Inbox'] as const;

type Resource = { Type: string; Properties?: Record<string, unknown> };
type AslState = {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  ItemProcessor?: AslMachine;
  Iterator?: AslMachine;
};
type AslMachine = { StartAt: string; States: Record<string, AslState> };

export function synthesizedShape(stage = 'prod'): DeployedShape {
  const outdir = mkdtempSync(join(tmpdir(), 'dtwatch-bench-cdk-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const inputs = loadDeploymentInputs(stage);
    const { stateful, stateless } = buildApp(inputs, app);
    const assembly = app.synth();
    const resources = [stateful, stateless].flatMap((stack) =>
      Object.entries(assembly.getStackByName(stack.stackName).template.Resources as Record<string, Resource>),
    );
    const ofType = (type: string) => resources.filter(([, resource]) => resource.Type === type);

    const memoryMb: Record<string, number> = {};
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      const label = FUNCTION_LABELS.find((name) => id.startsWith(`${name}Function`));
      if (label) memoryMb[label] = Number(fn.Properties?.MemorySize ?? 128);
    }
    let alarmMetrics = 0;
    for (const [, alarm] of ofType('AWS::CloudWatch::Alarm')) {
      const metrics = alarm.Properties?.Metrics as { MetricStat?: unknown }[] | undefined;
      alarmMetrics += metrics ? metrics.filter((metric) => metric.MetricStat).length : 1;
    }
    const [machine] = ofType('AWS::StepFunctions::StateMachine');
    if (!machine) throw new Error(`cost: no state machine in the ${stage} templates`);
    const definition = definitionOf(machine[1].Properties?.DefinitionString);
    const withOne = transitions(definition, 1);
    const withTwo = transitions(definition, 2);
    return {
      stage,
      region: inputs.config.region ?? 'unknown',
      memoryMb,
      alarmMetrics,
      alarms: ofType('AWS::CloudWatch::Alarm').length,
      dashboards: ofType('AWS::CloudWatch::Dashboard').length,
      kmsKeys: ofType('AWS::KMS::Key').length,
      queues: ofType('AWS::SQS::Queue').length,
      logGroups: ofType('AWS::Logs::LogGroup').length,
      emailTopics: inputs.config.emailTopicShards,
      transitions: { fixed: 2 * withOne - withTwo, perProgramme: withTwo - withOne },
      logRetentionDays: inputs.config.logRetentionDays,
      reportRetentionDays: inputs.config.reportRetentionDays,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The ASL document, with CloudFormation references (ARNs) replaced by placeholders. */
function definitionOf(definitionString: unknown): AslMachine {
  if (typeof definitionString === 'string') return JSON.parse(definitionString) as AslMachine;
  const join = (definitionString as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) throw new Error('cost: unexpected state machine definition');
  const text = join[1].map((part) => (typeof part === 'string' ? part : 'REF')).join(join[0]);
  return JSON.parse(text) as AslMachine;
}

/** States entered from StartAt to the end, Choices taking their default, a Map running `items` times. */
function transitions(machine: AslMachine, items: number): number {
  let count = 0;
  let name: string | undefined = machine.StartAt;
  const seen = new Set<string>();
  while (name !== undefined) {
    if (seen.has(name)) throw new Error(`cost: the happy path loops at ${name}`);
    seen.add(name);
    const state: AslState | undefined = machine.States[name];
    if (!state) throw new Error(`cost: no state ${name}`);
    count++;
    const processor = state.ItemProcessor ?? state.Iterator;
    if (state.Type === 'Map' && processor) count += items * transitions(processor, items);
    name = state.End ? undefined : state.Type === 'Choice' ? state.Default : state.Next;
  }
  return count;
}
