import type { Contact } from '../shared/catalog/catalog-schema.ts';
import type { Problem } from '../shared/errors.ts';
import type { DeploymentInputs } from './deployment-inputs.ts';

const PLACEHOLDER_DOMAIN = /@example\.(com|org|net)$/i;
const PLACEHOLDER_TEXT = /replace-me|placeholder/i;

/**
 * Everything in a deployment's inputs that is a stand-in for a real value: contacts marked
 * `placeholder`, names and settings saying `replace-me` or `placeholder`, example.com addresses.
 * Shipping them would alert nobody (or somebody's test inbox), so a deploy refuses them.
 */
export function placeholderProblems(inputs: DeploymentInputs): Problem[] {
  const problems: Problem[] = [];
  const { config, configFile } = inputs;
  if (PLACEHOLDER_TEXT.test(config.inbox.bucketName)) {
    problems.push({
      file: configFile,
      location: 'inbox.bucketName',
      message: `"${config.inbox.bucketName}" is a placeholder`,
    });
  }
  if (PLACEHOLDER_DOMAIN.test(config.alarmEmail)) {
    problems.push({
      file: configFile,
      location: 'alarmEmail',
      message: 'is an example.com placeholder address',
    });
  }
  for (const programme of inputs.programmes) {
    const file = programme.catalogPath;
    const check = (contact: Contact | undefined, location: string) => {
      if (!contact) return;
      const reasons = [
        contact.placeholder ? 'is marked placeholder' : '',
        PLACEHOLDER_TEXT.test(contact.name ?? '') ? 'has a placeholder name' : '',
        PLACEHOLDER_DOMAIN.test(contact.email ?? '') ? 'has an example.com address' : '',
      ].filter(Boolean);
      if (reasons.length > 0) problems.push({ file, location, message: reasons.join(', ') });
    };
    for (const [index, member] of programme.catalog.programme.steeringCommittee.entries()) {
      check(member, `programme.steeringCommittee[${index}]`);
    }
    for (const [index, unit] of programme.catalog.units.entries()) {
      check(unit.head, `units[${index}].head`);
      check(unit.dataContact, `units[${index}].dataContact`);
    }
  }
  return problems;
}

/** Synth for dev may use the samples; any other stage, and every deploy, may not. */
export function refusesPlaceholders(stage: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return stage !== 'dev' || env.DTWATCH_DEPLOY === '1';
}
