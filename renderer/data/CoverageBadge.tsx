import { useT } from '../store/ui';
import type { TableCoverage } from '../../shared/validation/coverage';

/**
 * How far a table was checked: the number of rules that ran on it, and a mark when some could not run. The tooltip
 * names them and says why, so a table with no findings is not mistaken for a table nobody checked.
 */
export function CoverageBadge({ coverage }: { coverage: TableCoverage | undefined }) {
  const t = useT();
  const ran = coverage?.ran ?? [];
  const skipped = coverage?.skipped ?? [];
  const title = [
    ran.length > 0 ? t('coverage.ran', { rules: ran.join(' ') }) : t('coverage.none'),
    ...skipped.map((s) => t('coverage.skipped', { rule: s.rule, reason: s.reason.zh })),
  ].join('\n');
  const cls = ran.length === 0 ? 'coverage none' : skipped.length > 0 ? 'coverage partial' : 'coverage full';
  return (
    <span
      className={cls}
      title={title}
      data-testid="table-coverage"
      data-ran={ran.length}
      data-skipped={skipped.length}
    >
      {ran.length === 0 ? t('coverage.uncheckedShort') : t('coverage.short', { count: ran.length })}
      {skipped.length > 0 ? ` · ${t('coverage.skippedShort', { count: skipped.length })}` : ''}
    </span>
  );
}
