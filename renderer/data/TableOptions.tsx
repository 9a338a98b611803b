import { useT } from '../store/ui';
import type { Table } from '../../shared/model/document';
import { tableLabel } from './tables';

/** "All tables" and then each table, for a filter <select>. */
export function TableOptions({ tables }: { tables: readonly Table[] }) {
  const t = useT();
  return (
    <>
      <option value="all">{t('findings.allTables')}</option>
      {tables.map((x) => (
        <option key={x.id} value={x.id}>
          {tableLabel(x, x.id)}
        </option>
      ))}
    </>
  );
}
