export { ocrPage, runsFromLines, type OcrLine, type OcrWord, type Recognizer } from './recognize';
export { createRecognizer, ocrPages, type OcrPagesOptions } from './scheduler';
export { cleanWordText, removeCjkSpaces, repairNumericToken } from './text';
export { detectRulings, estimateSkew } from './rulings';
export { markOcrCells, ocrImageOnlyPages } from './hook';
