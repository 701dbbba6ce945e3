// Types for ready-to-run.mjs (a plain script, so it runs before anything is compiled).
export declare function abiAlreadyMatches(want: 'node' | 'electron', recorded: string | null, electronPresent: boolean): boolean;
