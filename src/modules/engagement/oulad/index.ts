export { importOulad, type OuladImportResult, presentationStart } from './import.js';
export { type OuladIssue, type OuladReadResult, readOuladDirectory } from './reader.js';
