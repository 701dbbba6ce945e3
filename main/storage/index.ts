/**
 * Every file Porthole keeps goes through here: one atomic, queued writer (unique temp file, fsync,
 * rename, directory fsync; a burst of saves to one file folds into its last state) and a JSON
 * loader that sets a corrupt file aside instead of failing or silently starting over. Files that
 * grow while in use (recordings, captures) are opened through output-file: errors at open, 0600,
 * backpressure, a close that always settles.
 */
export { ATOMIC_WRITER, flushAtomicWrites, writeFileAtomic, writeJsonAtomic, type AtomicWriteOptions } from './atomic-writer.js';
export { corruptName, loadJsonFile, type LoadJsonOptions, type SetAside } from './json-file.js';
export { OUTPUT_FILE, openOutputFile, type OutputFile, type OutputFileOptions } from './output-file.js';
