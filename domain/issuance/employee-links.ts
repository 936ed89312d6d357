import type { Account, Company, Locale } from '../../entities';
import { mailLocale } from './issuance-access';

/** Where an employee uses the credentials, as the credentials mail and the password notice both state it. */
export interface EmployeeLinks {
  locale: Locale;
  loginUrl: string;
  /** The company's setting; when unset the texts tell the employee to ask the administrator (never left out). */
  appDownloadUrl?: string;
  /** The company's setting, else the service's own login page (000: the browser URL is always given). */
  browserUrl: string;
  /** The smartphone app as 000 names it: 「anyplace-入退室打刻」 for the service anyplace. */
  appName: string;
}

export function employeeLinks(company: Company, account: Account, publicBaseUrl: string): EmployeeLinks {
  const locale = mailLocale(account, company);
  const loginUrl = `${publicBaseUrl}/login?company=${encodeURIComponent(company.code)}${locale === 'en' ? '&lang=en' : ''}`;
  return {
    locale,
    loginUrl,
    appDownloadUrl: company.appDownloadUrl,
    browserUrl: company.browserUrl ?? loginUrl,
    appName: locale === 'en' ? `${company.serviceName} check-in app` : `${company.serviceName}-入退室打刻`,
  };
}
