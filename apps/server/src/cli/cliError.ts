/** A failure the user can fix (bad flag, refused restore): `rapport` prints the message, exits 1, no stack. */
export class CliError extends Error {
  override name = 'CliError';
}
