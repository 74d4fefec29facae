/** The part of @ericcornelissen/bash-parser's API (no published types) this project uses. */
declare module '@ericcornelissen/bash-parser' {
  export interface BashLocation {
    start: { row: number; col: number; char: number };
    end: { row: number; col: number; char: number };
  }
  export interface BashNode {
    type: string;
    text?: string;
    loc?: BashLocation;
    [key: string]: unknown;
  }
  export default function parse(code: string, options?: { insertLOC?: boolean; mode?: string }): BashNode;
}
