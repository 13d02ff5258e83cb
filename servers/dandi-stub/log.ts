/** One request as the stand-in saw it, for tests that count requests or check headers. */
export interface LoggedRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
