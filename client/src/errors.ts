/** An answer of the API that is not a success: the HTTP status (0: no answer at all) and the stable error code. */
export class ParleyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ParleyError';
  }

  /** Worth trying again later: no answer, the server or a dependency is down, or rate limited. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500 || this.code === 'connection_lost';
  }
}

export const connectionLost = () =>
  new ParleyError(0, 'connection_lost', 'the connection closed before the server answered');
