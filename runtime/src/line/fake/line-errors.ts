/** LINE's error bodies, worded as LINE words them (see fixtures/api/error.*.json). */
export const LINE_ERRORS = {
  missingAuthorization: { message: "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'" },
  invalidToken: { message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' },
  rateLimited: { message: 'The API rate limit has been exceeded. Try again later.' },
  monthlyLimit: { message: 'You have reached your monthly limit.' },
  retryKeyAccepted: { message: 'The retry key is already accepted' },
  invalidRetryKey: { message: 'The retry key must be a UUID in hexadecimal format (X-Line-Retry-Key)' },
  invalidReplyToken: { message: 'Invalid reply token' },
  notFound: { message: 'Not found' },
  serverError: { message: 'An error occurred in the server. Try again later.' },
  invalidJson: { message: 'The request body is not valid JSON' },
  unsupportedMediaType: { message: 'The request body must be sent as application/json' },
  bodyTooLarge: { message: 'The request body is too large (the limit is 1 MB)' },
  invalidProperty: (property: string) => ({ message: `The property, ${property}, in the request body is invalid (line: -, column: -)` }),
} as const;
