/**
 * Every file Porthole keeps goes through here: one atomic, queued writer (unique temp file, fsync,
 * rename, directory fsync; a burst of saves to one file folds into its last state) and a JSON
 * loader that sets a corrupt file aside instead of failing or silently starting over.
 */
export { ATOMIC_WRITER, flushAtomicWrites, writeFileAtomic, writeJsonAtomic, type AtomicWriteOptions } from './atomic-writer.js';
export { corruptName, loadJsonFile, type LoadJsonOptions, type SetAside } from './json-file.js';
