/** Exit codes of the contract: 1 bad data or I/O failure, 2 usage error. */
type ExitCode = 1 | 2;

/**
 * The one error type users see: a one-line message and an exit code. Only
 * `main` catches it; everything else throws it with the location filled in.
 */
export class PovrollError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PovrollError';
  }
}

export function usageError(message: string): PovrollError {
  return new PovrollError(message, 2);
}

/** Where a value sits in an input, for messages and reject lists. */
export interface SourcePlace {
  file: string;
  sheet?: string;
  row?: number;
  column?: string;
}

/** `sheet "Hoa Thám" row 214, column "Số nhân khẩu"`: the place without the file. */
export function describePlace(place: Omit<SourcePlace, 'file'>): string {
  const parts: string[] = [];
  if (place.sheet !== undefined) parts.push(`sheet "${place.sheet}"`);
  if (place.row !== undefined) parts.push(`row ${place.row}`);
  const head = parts.join(' ');
  if (place.column === undefined) return head;
  return head === '' ? `column "${place.column}"` : `${head}, column "${place.column}"`;
}
