import { ApiError, type ExportFormat } from '../../shared/api';
import { buildCsv } from './csv';
import { jsonExportBytes } from './json';
import type { ExportFile, ExportInput } from './types';
import { buildXlsx } from './xlsx';

export type { ExportFile, ExportInput } from './types';
export { verifyExport, type VerifyResult } from './verify';

const MIME: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
};

/** A file name from the PDF's name: extension dropped, characters file systems refuse replaced. */
export function exportName(pdfName: string, format: ExportFormat): string {
  const base =
    pdfName
      .replace(/\.pdf$/i, '')
      .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_')
      .trim() || 'document';
  return `${base}.${format}`;
}

export async function buildExport(input: ExportInput, format: ExportFormat): Promise<ExportFile> {
  let bytes: Uint8Array;
  switch (format) {
    case 'xlsx':
      bytes = await buildXlsx(input);
      break;
    case 'csv':
      bytes = buildCsv(input.document);
      break;
    case 'json':
      bytes = jsonExportBytes(input);
      break;
    default:
      throw new ApiError('bad_format', `Unknown export format ${String(format)}; use xlsx, csv or json.`);
  }
  return { name: exportName(input.info.name, format), mime: MIME[format], bytes };
}
