import type { ExtractedDocument } from '../model/document';

/**
 * Which department and year a document is, robust to how the same department prints its name across years
 * ("中国共产党江苏省委员会办公厅" 2017, "中共江苏省委办公厅" 2018, "江苏省委办公厅" in the text volumes) and to
 * spacing and brackets. A printed unit code, when both documents have one, decides on its own.
 */
export interface DocumentIdentity {
  /** The document's id (sha256 of the file). */
  id: string;
  file: string;
  department: string | null;
  /** `department` normalised (see departmentKey); null when no name was read. */
  departmentKey: string | null;
  unitCode: string | null;
  year: number | null;
  kind: 'budget' | 'final' | null;
}

const PUNCT = /[\s\u3000·・()（）【】[\]{}“”"'‘’《》〈〉<>「」、,，.。:：;；\-—_]/gu;

/** A department name in one spelling: the variants one department prints across years fold to the same key. */
export function departmentKey(name: string | null | undefined): string | null {
  if (!name) return null;
  let s = name.normalize('NFKC').replace(PUNCT, '');
  s = s.replace(/^中国共产党/u, '中共');
  // 省委员会 / 市委员会 / 区委员会 … → 省委 …; 中共 in front of a party committee's office adds nothing.
  s = s.replace(/(省|市|区|县|州|旗|盟|自治区)委员会/u, '$1委');
  s = s.replace(/^中共(?=.+(?:省|市|区|县|州|旗|盟)委)/u, '');
  s = s.replace(/人民代表大会常务委员会/u, '人大常委会');
  s = s.replace(/(?:本级|本部|部门|单位|机关)$/u, '');
  return s || null;
}

export type DepartmentMatch =
  | { same: true; basis: 'unit-code' | 'name' | 'name-contained' }
  | { same: false; basis: 'unit-code' | 'name' | 'unknown' };

/** Whether two documents are of the same department: by unit code when both print one, else by normalised name. */
export function sameDepartment(
  a: Pick<DocumentIdentity, 'departmentKey' | 'unitCode'>,
  b: Pick<DocumentIdentity, 'departmentKey' | 'unitCode'>,
): DepartmentMatch {
  if (a.unitCode && b.unitCode) return { same: a.unitCode === b.unitCode, basis: 'unit-code' };
  if (!a.departmentKey || !b.departmentKey) return { same: false, basis: 'unknown' };
  if (a.departmentKey === b.departmentKey) return { same: true, basis: 'name' };
  // "江苏省人大常委会" (the text volume's cover) and "江苏省人大常委会办公厅" (its tables): one name inside the other,
  // when the shorter one is long enough to name a department on its own.
  const [short, long] =
    a.departmentKey.length <= b.departmentKey.length
      ? [a.departmentKey, b.departmentKey]
      : [b.departmentKey, a.departmentKey];
  if (short.length >= 6 && long.startsWith(short)) return { same: true, basis: 'name-contained' };
  return { same: false, basis: 'name' };
}

export function identityOf(doc: ExtractedDocument): DocumentIdentity {
  // A unit budget lists itself as its one unit; a department's list of sub-units does not name the department.
  const unitCode = doc.meta.unitCode ?? (doc.meta.units.length === 1 ? (doc.meta.units[0]!.code ?? null) : null);
  return {
    id: doc.source.sha256,
    file: doc.source.file,
    department: doc.meta.department,
    departmentKey: departmentKey(doc.meta.department),
    unitCode,
    year: doc.meta.year,
    kind: doc.meta.kind,
  };
}
