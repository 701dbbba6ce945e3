// Types for build-stamp.mjs (a plain script, so it runs before anything is compiled).
export declare const INPUT_DIRS: readonly string[];
export declare const INPUT_FILES: readonly string[];
export declare const IGNORED: readonly string[];
export declare const OUTPUTS: readonly string[];
export declare const STAMP: string;
export declare function fingerprint(root: string): string;
export declare function staleReason(root: string, print?: string): string | null;
export declare function writeStamp(root: string, print: string): void;
