/** Review records: workspaces by PDF hash, the journal, sign-off and the data directory. */
export { WorkspaceStore, type WorkspaceStoreOptions, type WorkspaceExportInput } from './workspaces';
export { resolveDataDir, APP_DIR_NAME, type DataDirSources } from './data-dir';
export { blockingFindings, openFindings, signOffSignatureValid, type Validator } from './signoff';
export { canonicalJson, canonicalDataset, datasetSha256 } from './canonical';
export { keyFingerprint } from './keys';
export type { JournalRecord } from './journal';
export type { ReviewFs } from './fs-adapter';
