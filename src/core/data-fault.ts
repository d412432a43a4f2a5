/**
 * A fault of the input that the pure core finds and cannot go past (a file
 * named for one year and titled for another): the shell adds the file and
 * sheet and stops with it as a one-line error.
 */
export class DataFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFault';
  }
}
