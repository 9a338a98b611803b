// OCR worker thread entry: tsx's loader hooks are per thread, so the worker registers them before loading TypeScript.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./ppocr-worker.ts', import.meta.url).href);
