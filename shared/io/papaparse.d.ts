// The part of papaparse's API the console uses: parsing a string. Its DefinitelyTyped package references Node's types
// (for its stream API), which would switch Node's globals on for all of shared/ (see runtime-globals.check.ts).
declare module 'papaparse' {
  export interface ParseError {
    type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
    code: 'MissingQuotes' | 'UndetectableDelimiter' | 'TooFewFields' | 'TooManyFields' | 'InvalidQuotes';
    message: string;
    /** The data row the error is in, from 0; absent when it concerns the whole input. */
    row?: number;
    index?: number;
  }
  export interface ParseResult<T> {
    data: T[];
    errors: ParseError[];
  }
  export interface ParseConfig {
    delimiter?: string;
    newline?: '\r' | '\n' | '\r\n';
    quoteChar?: string;
    escapeChar?: string;
    skipEmptyLines?: boolean | 'greedy';
  }
  const Papa: { parse<T>(input: string, config: ParseConfig): ParseResult<T> };
  export default Papa;
}
