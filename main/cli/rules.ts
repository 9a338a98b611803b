import { RULE_MODULES } from '../../shared/validation';
import { oneOf, parseArgs, UsageError } from './args';
import { writeStdout } from './io';

const USAGE = 'usage: budget-review rules [--format text|json]';

/** The rule catalogue, read from the rule modules themselves: id, family, severity, what it says and needs. */
export function catalogue(): {
  id: string;
  family: string;
  severity: string;
  scope: string;
  title: { zh: string; en: string };
  tables: string[];
  needs: { zh: string; en: string };
}[] {
  return RULE_MODULES.map((r) => ({
    id: r.meta.id,
    family: r.meta.family,
    severity: r.meta.severity,
    scope: r.scope,
    title: r.meta.title,
    tables: [...r.meta.tables],
    needs: r.meta.needs,
  }));
}

export function toText(): string {
  const lines = catalogue().map(
    (r) =>
      `${r.id.padEnd(4)} ${r.severity.padEnd(8)} ${r.scope.padEnd(9)} ${r.title.zh}\n${' '.repeat(24)}${r.title.en}\n${' '.repeat(24)}needs: ${r.needs.en}`,
  );
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[]): Promise<number> {
  let format: 'text' | 'json';
  try {
    const args = parseArgs(argv, { values: ['format'], flags: ['help'] });
    if (args.options.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.positional.length > 0) throw new UsageError('rules takes no file');
    format = oneOf(args.options.format, ['text', 'json'] as const, 'text', 'format');
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`budget-review rules: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  await writeStdout(format === 'json' ? `${JSON.stringify(catalogue(), null, 2)}\n` : toText());
  return 0;
}
