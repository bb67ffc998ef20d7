export { type OuladIssue, type OuladReadResult, readOuladDirectory } from './reader.js';
