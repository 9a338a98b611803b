import { useT } from '../store/ui';

/** Stands in for the data side (renderer/data/DataSide.tsx) until it lands; removed then. */
export function DataSidePending() {
  const t = useT();
  return (
    <div className="data-pending" data-testid="data-side-pending">
      <p>{t('layout.dataSidePending')}</p>
    </div>
  );
}
