/** A failure the caller caused, carrying the stable code the API promises. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, `${what}_not_found`, `No such ${what.replaceAll('_', ' ')} in this workspace.`);
export const conflict = (code: string, message: string, details?: unknown) => new ApiError(409, code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) => new ApiError(422, code, message, details);
export const badRequest = (code: string, message: string, details?: unknown) => new ApiError(400, code, message, details);

/** PostgreSQL's unique_violation, raised when a name is already taken in the workspace. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string; cause?: { code?: string } }).code === '23505'
    || (error as { cause?: { code?: string } }).cause?.code === '23505';
}
