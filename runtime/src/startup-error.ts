/** A failure at boot that the operator can fix: printed as one line with the fix, then exit 1. */
export class StartupError extends Error {
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem}; ${fix}`);
    this.name = 'StartupError';
  }
}
