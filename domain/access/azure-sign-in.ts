import type { EntityManager } from '@mikro-orm/postgresql';
import * as oidc from 'openid-client';
import { Account, Company } from '../../entities';
import { azureAdSecretVariable } from '../../lib/config';
import { isInfrastructureUnavailable } from '../../lib/infrastructure-errors';
import { ForbiddenError, InputError, NotFoundError, UnavailableError } from '../errors';
import { nowOf, type DomainServices } from '../services';
import { azureSecretContext } from '../organisation/company-settings';
import { LoginService, mfaApplies, type OpenedSession } from './login';
import { isLockedOut } from './lockout';

/** How long the browser may take at the provider between the redirect and the callback. */
const flowTtlMs = 10 * 60 * 1000;
/** How long the code form after an Azure AD sign-in stays usable. */
const mfaTicketTtlMs = 5 * 60 * 1000;
const flowContext = 'azure-login/flow';
const mfaContext = 'azure-login/mfa';

/** What the browser keeps (sealed, in an HttpOnly cookie) between the redirect and the callback. */
interface FlowState {
  companyCode: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  locale: string;
  expiresAt: number;
}

interface MfaTicket {
  accountId: string;
  companyCode: string;
  expiresAt: number;
}

export type AzureSignInOutcome =
  | { kind: 'session'; session: OpenedSession; companyCode: string; locale: string }
  | { kind: 'mfa'; ticket: string; companyCode: string; locale: string };

/** The callback could not be trusted (no or expired flow cookie, state, nonce or token checks failed). */
const signInFailed = (message: string) => new InputError('AZURE_SIGN_IN_FAILED', message);

function loopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * Azure AD sign-in (OpenID Connect authorization-code flow with PKCE, via openid-client) against the issuer
 * configured per company. The ID token's `oid` (the Azure object id) is matched, without case as Azure
 * compares it, to the account's Azure AD id within the company; a match opens the same session as the
 * login form, after the TOTP code when the company and the account use MFA.
 */
export class AzureSignIn {
  private readonly logins: LoginService;
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();

  constructor(
    private readonly services: DomainServices & {
      publicBaseUrl: string;
      /** Secrets from the environment by variable name (`azureAdSecretVariable`). */
      azureAdClientSecrets?: Record<string, string>;
    },
  ) {
    this.logins = new LoginService(services);
  }

  get redirectUri(): string {
    return `${this.services.publicBaseUrl}/login/azure/callback`;
  }

  private async configurationFor(company: Company): Promise<oidc.Configuration> {
    if (!company.azureAdEnabled) {
      throw new NotFoundError('Azure AD sign-in is not enabled for this company.', 'AZURE_AD_NOT_ENABLED');
    }
    // The sealed secret of the settings first, else the environment's AZURE_AD_CLIENT_SECRET_<CODE>.
    const secret = company.azureAdClientSecret
      ? this.services.secretBox.open(company.azureAdClientSecret, azureSecretContext(company.id))
      : this.services.azureAdClientSecrets?.[azureAdSecretVariable(company.code)];
    if (!company.azureAdIssuerUrl || !company.azureAdClientId || !secret) {
      throw new NotFoundError('Azure AD sign-in is not configured for this company.', 'AZURE_AD_NOT_CONFIGURED');
    }
    const issuer = new URL(company.azureAdIssuerUrl);
    const key = `${company.id}|${issuer.href}|${company.azureAdClientId}|${company.azureAdClientSecret ?? 'env'}`;
    let configuration = this.configurations.get(key);
    if (!configuration) {
      configuration = oidc.discovery(issuer, company.azureAdClientId, secret, undefined, {
        // Plain HTTP only to a provider on this machine (a local test or development provider).
        ...(issuer.protocol === 'http:' && loopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
        timeout: 10,
      });
      this.configurations.set(key, configuration);
      // A failed discovery is not kept: the next sign-in tries again.
      configuration.catch(() => this.configurations.delete(key));
    }
    try {
      return await configuration;
    } catch (error) {
      this.services.logger.warn({ err: error, companyId: company.id }, 'Azure AD discovery failed');
      throw new UnavailableError('The Azure AD sign-in service cannot be reached; try again shortly.');
    }
  }

  private async loadCompany(em: EntityManager, companyCode: string): Promise<Company> {
    const company = await em.findOne(Company, { code: companyCode }, { populate: ['azureAdClientSecret'] });
    if (!company) throw new NotFoundError('Azure AD sign-in is not enabled for this company.', 'AZURE_AD_NOT_ENABLED');
    return company;
  }

  /** GET /login/azure: where to send the browser, and the sealed flow state to keep in its cookie. */
  async begin(em: EntityManager, companyCode: string, locale: string): Promise<{ redirectTo: string; flow: string }> {
    const company = await this.loadCompany(em, companyCode);
    const configuration = await this.configurationFor(company);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const flow: FlowState = {
      companyCode: company.code,
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier,
      locale,
      expiresAt: nowOf(this.services).getTime() + flowTtlMs,
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: 'openid profile',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { redirectTo: url.href, flow: this.services.secretBox.seal(JSON.stringify(flow), flowContext) };
  }

  /** A sealed value this service gave the browser, still within its time; anything else fails the sign-in. */
  private openSealed<T extends { expiresAt: number }>(sealed: string | undefined, context: string): T {
    let value: T | undefined;
    try {
      value = sealed ? (JSON.parse(this.services.secretBox.open(sealed, context)) as T) : undefined;
    } catch {
      value = undefined;
    }
    if (!value || value.expiresAt < nowOf(this.services).getTime()) {
      throw signInFailed('The sign-in was not started here or took too long; sign in again.');
    }
    return value;
  }

  private openFlow(sealed: string | undefined): FlowState {
    return this.openSealed<FlowState>(sealed, flowContext);
  }

  /** Locale of a flow cookie, for the page of a failed callback; ja when there is none. */
  localeOf(sealed: string | undefined): string {
    try {
      return this.openFlow(sealed).locale;
    } catch {
      return 'ja';
    }
  }

  /**
   * GET /login/azure/callback: checks state, PKCE, nonce and the ID token (openid-client), then finds the
   * account whose Azure AD id is the token's `oid` in the company of the flow.
   */
  async complete(em: EntityManager, sealedFlow: string | undefined, callbackUrl: URL): Promise<AzureSignInOutcome> {
    const flow = this.openFlow(sealedFlow);
    const company = await this.loadCompany(em, flow.companyCode);
    const configuration = await this.configurationFor(company);
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      if (isInfrastructureUnavailable(error)) {
        throw new UnavailableError('The Azure AD sign-in service cannot be reached; try again shortly.');
      }
      this.services.logger.warn({ err: error, companyId: company.id }, 'Azure AD callback refused');
      throw signInFailed('The answer of the sign-in service could not be verified.');
    }
    const oid = typeof claims?.oid === 'string' ? claims.oid : undefined;
    if (!oid) throw signInFailed('The ID token carries no Azure object id (oid).');
    const rows = await em
      .getConnection()
      .execute<{ id: string }[]>(
        'select id from account where company_id = ? and lower(azure_ad_id) = lower(?) limit 1',
        [company.id, oid],
      );
    const account = rows[0] ? await em.findOne(Account, rows[0].id, { populate: ['mfaSecret', 'company'] }) : null;
    if (!account) {
      this.services.logger.info({ event: 'azure-sign-in-unknown', companyId: company.id }, 'no account for Azure id');
      throw new ForbiddenError('No account of this company has this Azure AD id.', 'AZURE_ACCOUNT_NOT_FOUND');
    }
    if (isLockedOut(account, nowOf(this.services)) || account.disabled || account.loginDisabled) {
      throw new ForbiddenError('The account cannot log in now.', 'ACCOUNT_CANNOT_LOG_IN');
    }
    if (mfaApplies(company, account) && account.mfaConfiguredAt) {
      const ticket: MfaTicket = {
        accountId: account.id,
        companyCode: company.code,
        expiresAt: nowOf(this.services).getTime() + mfaTicketTtlMs,
      };
      return {
        kind: 'mfa',
        ticket: this.services.secretBox.seal(JSON.stringify(ticket), mfaContext),
        companyCode: company.code,
        locale: flow.locale,
      };
    }
    const session = await this.logins.finishLogin(em, account, nowOf(this.services), { passwordUsed: false });
    return { kind: 'session', session, companyCode: company.code, locale: flow.locale };
  }

  /** POST /login/azure/mfa: the TOTP code after a matched Azure AD sign-in (one use per code, as at login). */
  async completeMfa(
    em: EntityManager,
    sealedTicket: string,
    code: string,
  ): Promise<{ session: OpenedSession; companyCode: string }> {
    const ticket = this.openSealed<MfaTicket>(sealedTicket, mfaContext);
    const account = await em.findOneOrFail(Account, ticket.accountId, { populate: ['mfaSecret', 'company'] });
    if (isLockedOut(account, nowOf(this.services)) || account.disabled || account.loginDisabled) {
      throw new ForbiddenError('The account cannot log in now.', 'ACCOUNT_CANNOT_LOG_IN');
    }
    await this.logins.checkMfaCode(em, account, code);
    const session = await this.logins.finishLogin(em, account, nowOf(this.services), { passwordUsed: false });
    return { session, companyCode: ticket.companyCode };
  }
}
