export type LinkErrorCode =
  | 'BAD_MAP'
  | 'UNKNOWN_MAP_TARGET'
  | 'MISSING_COLUMN'
  | 'AMBIGUOUS_COLUMN'
  | 'BAD_OPTION'
  | 'BAD_INPUT'
  | 'DUPLICATE_ID'
  | 'OUTPUT_EXISTS';

/**
 * Something the operator can fix in the command line or the file: the CLI
 * prints the message (which names the option, column or row) and exits 2.
 */
export class LinkInputError extends Error {
  constructor(
    readonly code: LinkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LinkInputError';
  }
}
