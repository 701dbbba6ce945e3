// The WHATWG Encoding API's TextEncoder and TextDecoder are globals in every runtime shared/ runs
// in (browsers, Electron's renderer, Node), but shared/ compiles without DOM or Node types, so
// they are declared here: only the members shared/ uses.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
