import { useT } from '../store/ui';
import { LOCALES } from '../../shared/i18n';

/** The languages, each named in itself, for a <select>. */
export function LocaleOptions() {
  const t = useT();
  return (
    <>
      {LOCALES.map((l) => (
        <option key={l} value={l}>
          {t(`app.language.${l}`)}
        </option>
      ))}
    </>
  );
}
