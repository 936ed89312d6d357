import type { HelmetOptions } from 'helmet';

/**
 * helmet's defaults, fitted to how the service is reached. `upgrade-insecure-requests` (and HSTS) only when
 * PUBLIC_BASE_URL is https: on a plain-HTTP install (development, an intranet without TLS) the browser would
 * otherwise send the employee forms to https://, which `form-action 'self'` then blocks, so 認証する and the
 * login form did nothing. Production belongs behind HTTPS (README); this keeps plain HTTP working, not safe.
 */
export function securityHeaders(publicBaseUrl: string): HelmetOptions {
  const https = new URL(publicBaseUrl).protocol === 'https:';
  return {
    referrerPolicy: { policy: 'no-referrer' },
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } },
    strictTransportSecurity: https,
  };
}
