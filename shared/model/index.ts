export * from './document';
export * from './edits';
export * from './amount';
