/** Input bootlens cannot read at all. The CLI prints `message` alone and exits 2. */
export class InputError extends Error {
  constructor(
    readonly code: 'unreadable' | 'unknown-format' | 'binary-journal' | 'too-large' | 'skipped-lines',
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}
