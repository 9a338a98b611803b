export * from './document';
export * from './edits';
export * from './amount';
export * from './replay';
