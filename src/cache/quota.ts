/** Recognising storage-full errors, which browsers report in several shapes. */
/**
 * True for QuotaExceededError, also when wrapped: Firefox and Safari may abort the transaction
 * and report an AbortError whose inner error (transaction.error, cause) is the quota error.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as {
    name?: unknown;
    code?: unknown;
    cause?: unknown;
    error?: unknown;
    inner?: unknown;
  };
  // Legacy DOMException code 22 is QUOTA_EXCEEDED_ERR.
  if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22) {
    return true;
  }
  return [e.cause, e.error, e.inner].some((inner) => isQuotaError(inner, depth + 1));
}

/** A DOMException-like QuotaExceededError (DOMException exists in Node 17+ and browsers). */
export function quotaExceededError(message = 'Quota exceeded.'): Error {
  return new DOMException(message, 'QuotaExceededError');
}
