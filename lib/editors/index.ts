/** Text insertion into the platforms' own editors (DESIGN §6 "Insertion"). Never sends. */
export { insertIntoComposer, type InsertFailure, type InsertResult } from './insert';
export { STRATEGIES, type Strategy } from './strategies';
export { composerText, normalizeEditorText, occurrences } from './text';
