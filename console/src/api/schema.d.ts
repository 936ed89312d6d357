// Generated from the OpenAPI document by scripts/console-api-types.ts (npm run console:api-types). Do not edit.
export interface paths {
  '/api/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Log in with company code, login id, password and, when the account uses MFA, its code */
    post: operations['postAuthLogin'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Log in to the admin console: the same login, with the session in an httpOnly SameSite=Strict cookie */
    post: operations['postAuthSession'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change the own password (required at first login after an issuance) */
    post: operations['postAuthPassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke the session of this request (token or console cookie; the cookies are cleared) */
    post: operations['postAuthLogout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who this session belongs to, and what it may do (the console shows only what the permissions allow) */
    get: operations['getAuthMe'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/mfa/enrolment': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start the own MFA set-up: a new TOTP secret (the status stays 未設定 until confirmed) */
    post: operations['postAuthMfaEnrolment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/mfa/enrolment/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Finish the own MFA set-up with a code from the app (設定済) */
    post: operations['postAuthMfaEnrolmentConfirm'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search accounts (アカウント一覧)
     * @description Requires the permission `accounts:read`.
     */
    get: operations['getAccounts'];
    put?: never;
    /**
     * Register an account (アカウント登録)
     * @description Requires the permission `accounts:write`.
     */
    post: operations['postAccounts'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/account-imports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The latest imports of the company
     * @description Requires the permission `accounts:write`.
     */
    get: operations['getAccountImports'];
    put?: never;
    /**
     * Import accounts from a CSV file (create and update by account code); dryRun=true only checks
     * @description Requires the permission `accounts:write`.
     */
    post: operations['postAccountImports'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/account-imports/columns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The columns an import reads, in the order of the export (Japanese and English header names)
     * @description Requires the permission `accounts:write`.
     */
    get: operations['getAccountImportsColumns'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/account-imports/template': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An empty import file: the header of every column an import reads, in the language of the request
     * @description Requires the permission `accounts:write`.
     */
    get: operations['getAccountImportsTemplate'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/account-imports/{importId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Progress of an import, from the database (readable after it finished)
     * @description Requires the permission `accounts:write`.
     */
    get: operations['getAccountImportsByImportId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/account-imports/{importId}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The results file of an import (CSV): row, code, outcome, field, error code, message
     * @description Requires the permission `accounts:write`.
     */
    get: operations['getAccountImportsByImportIdResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/exports/accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The account list as CSV (every filter of GET /api/accounts), streamed; importable as it is
     * @description Requires the permission `accounts:read`.
     */
    get: operations['getExportsAccounts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/accounts/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read one account with its current assignment, pending transfer and rank history
     * @description Requires the permission `accounts:read`.
     */
    get: operations['getAccountsByCode'];
    put?: never;
    post?: never;
    /**
     * Delete an account; refused while it is in use, and always for the system administrator
     * @description Requires the permission `accounts:write`.
     */
    delete: operations['deleteAccountsByCode'];
    options?: never;
    head?: never;
    /**
     * Change an account (修正モード); the type cannot change
     * @description Requires the permission `accounts:write`.
     */
    patch: operations['patchAccountsByCode'];
    trace?: never;
  };
  '/api/accounts/{code}/ranks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Add a rank row (社員ランク 適用年月) to the history
     * @description Requires the permission `accounts:write`.
     */
    post: operations['postAccountsByCodeRanks'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/accounts/{code}/ranks/{month}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Correct the rank of one row (inactive ranks allowed, as in 修正モード)
     * @description Requires the permission `accounts:write`.
     */
    put: operations['putAccountsByCodeRanksByMonth'];
    post?: never;
    /**
     * Remove one row; an own account keeps at least one rank
     * @description Requires the permission `accounts:write`.
     */
    delete: operations['deleteAccountsByCodeRanksByMonth'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/accounts/{code}/lockout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * ロックアウト状態解除: unlock the account and clear its failed logins
     * @description Requires the permission `accounts:write`.
     */
    delete: operations['deleteAccountsByCodeLockout'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/accounts/{code}/login-failures': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * ログイン失敗クリア: set the failed-login count back to zero (a lock stays)
     * @description Requires the permission `accounts:write`.
     */
    delete: operations['deleteAccountsByCodeLoginFailures'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/accounts/{code}/mfa': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * 多要素認証設定初期化: forget the TOTP secret and end the account's sessions; the employee sets MFA up again at the next login
     * @description Requires the permission `accounts:write`.
     */
    delete: operations['deleteAccountsByCodeMfa'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/accounts/{code}/transfer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Enter or change the pending transfer (異動); dated today or earlier it applies at once
     * @description Requires the permission `accounts:write`.
     */
    put: operations['putAccountsByCodeTransfer'];
    post?: never;
    /**
     * Cancel the pending transfer
     * @description Requires the permission `accounts:write`.
     */
    delete: operations['deleteAccountsByCodeTransfer'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/accounts/{code}/assignments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Assignment history (所属の履歴) and transfers, newest first
     * @description Requires the permission `accounts:read`.
     */
    get: operations['getAccountsByCodeAssignments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/accounts/{code}/email-issuances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a verification request mail; the password follows once the employee confirms. For an account with a password (reissue A) the current password stops working and its sessions end at once
     * @description Requires the permission `issuance:issue`.
     */
    post: operations['postAccountsByCodeEmailIssuances'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/accounts/{code}/issuances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Issuance history of one account: when each link went out, expired or was confirmed
     * @description Requires the permission `accounts:read`.
     */
    get: operations['getAccountsByCodeIssuances'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/email-issuances/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * パスワード一括発行: the address each selected employee gets, duplicates, 未設定, estimated time
     * @description Requires the permission `issuance:issue`.
     */
    post: operations['postEmailIssuancesPreview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/email-issuances/preview-file': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * パスワード一括発行 for the codes of an uploaded file: counts, addresses per slot, duplicates, 未設定, estimate
     * @description Requires the permission `issuance:issue`.
     */
    post: operations['postEmailIssuancesPreviewFile'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/email-issuances/bulk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The latest bulk runs of the company, newest first
     * @description Requires the permission `issuance:issue`.
     */
    get: operations['getEmailIssuancesBulk'];
    put?: never;
    /**
     * 認証要求メール一括送信: one durable run starting an e-mail issuance per included employee
     * @description Requires the permission `issuance:issue`.
     */
    post: operations['postEmailIssuancesBulk'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/email-issuances/bulk-file': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * 認証要求メール一括送信 for the codes of an uploaded file (up to 200,000): one durable run
     * @description Requires the permission `issuance:issue`.
     */
    post: operations['postEmailIssuancesBulkFile'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/email-issuances/bulk/{runId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Progress and outcome of a bulk run, from the database (readable after the run)
     * @description Requires the permission `issuance:issue`.
     */
    get: operations['getEmailIssuancesBulkByRunId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/email-issuances/bulk/{runId}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The results file of a bulk run (CSV): per employee the address used, outcome, reason and times
     * @description Requires the permission `issuance:issue`.
     */
    get: operations['getEmailIssuancesBulkByRunIdResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/email-issuances/bulk/{runId}/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * 実行結果 per employee: each selected employee of a run, in selection order, with its bucket
     * @description Requires the permission `issuance:issue`.
     */
    get: operations['getEmailIssuancesBulkByRunIdItems'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/accounts/{code}/credential-mails': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reissue: mail the login id and a new password straight to an address (アカウント通知メール送信)
     * @description Requires the permission `issuance:reissue`.
     */
    post: operations['postAccountsByCodeCredentialMails'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/accounts/{code}/pdf-issuances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Issue a password as a PDF notice (パスワード通知書), downloadable once within 15 minutes
     * @description Requires the permission `issuance:issue`.
     */
    post: operations['postAccountsByCodePdfIssuances'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/password-notices/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Download a password notice PDF once; the stored copy is deleted as it is sent
     * @description Requires the permission `issuance:issue`.
     */
    get: operations['getPasswordNoticesByToken'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/pdf-issuances/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Preview a bulk PDF issuance: first issuances, and who is left out and why (already issued: reissue singly)
     * @description Requires the permission `issuance:issue`.
     */
    post: operations['postPdfIssuancesPreview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/pdf-issuances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Issue passwords to many employees as one PDF (●PDF且つ一括発行), downloadable once
     * @description Requires the permission `issuance:issue`.
     */
    post: operations['postPdfIssuances'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/pdf-issuances/{id}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The results file of a bulk PDF run (CSV): per employee the outcome, reason, link expiry, download and issue times
     * @description Requires the permission `issuance:issue`.
     */
    get: operations['getPdfIssuancesByIdResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/pdf-issuances/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Progress of a bulk PDF issuance: done/total and whether the PDF is ready
     * @description Requires the permission `issuance:issue`.
     */
    get: operations['getPdfIssuancesById'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Company settings (基本設定 / ログイン認証設定)
     * @description Requires the permission `settings:read`.
     */
    get: operations['getSettings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change company settings; issuances already running keep the validity they started with
     * @description Requires the permission `settings:write`.
     */
    patch: operations['patchSettings'];
    trace?: never;
  };
  '/api/settings/features': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The settings the account screens follow (fields of switched-off features are not offered)
     * @description Requires the permission `accounts:read`.
     */
    get: operations['getSettingsFeatures'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/scim/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The SCIM tokens of the company with their last use (never their secrets), and the tenant URL
     * @description Requires the permission `settings:write`.
     */
    get: operations['getScimTokens'];
    put?: never;
    /**
     * Make a SCIM token (the secret is answered this once)
     * @description Requires the permission `settings:write`.
     */
    post: operations['postScimTokens'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/scim/tokens/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke a SCIM token: its next request is refused
     * @description Requires the permission `settings:write`.
     */
    delete: operations['deleteScimTokensById'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/scim/provisioning': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What accounts made by SCIM get that SCIM does not carry (type, role, departments, rank, issuance)
     * @description Requires the permission `settings:read`.
     */
    get: operations['getScimProvisioning'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change the provisioning defaults (codes that exist today; a role you could assign yourself)
     * @description Requires the permission `settings:write`.
     */
    patch: operations['patchScimProvisioning'];
    trace?: never;
  };
  '/api/departments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The departments valid on a day (default today in the company's time zone), parents before children
     * @description Requires the permission `reference:read`.
     */
    get: operations['getDepartments'];
    put?: never;
    /**
     * Add a department under an existing one
     * @description Requires the permission `reference:write`.
     */
    post: operations['postDepartments'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/departments/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One department
     * @description Requires the permission `reference:read`.
     */
    get: operations['getDepartmentsByCode'];
    put?: never;
    post?: never;
    /**
     * Delete a department that has no children and that nothing refers to
     * @description Requires the permission `reference:write`.
     */
    delete: operations['deleteDepartmentsByCode'];
    options?: never;
    head?: never;
    /**
     * Rename, reorder or move a department
     * @description Requires the permission `reference:write`.
     */
    patch: operations['patchDepartmentsByCode'];
    trace?: never;
  };
  '/api/reorganisations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every reorganisation, the latest date first
     * @description Requires the permission `reference:read`.
     */
    get: operations['getReorganisations'];
    put?: never;
    /**
     * Register a reorganisation (組織変更): new, renamed, moved and closed departments, and accounts moved, from a date
     * @description Requires the permission `reference:write`.
     */
    post: operations['postReorganisations'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/reorganisations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One reorganisation
     * @description Requires the permission `reference:read`.
     */
    get: operations['getReorganisationsById'];
    put?: never;
    post?: never;
    /**
     * Cancel a reorganisation before its date
     * @description Requires the permission `reference:write`.
     */
    delete: operations['deleteReorganisationsById'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/reorganisations/{id}/moves': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Change a pending reorganisation's account moves (their transfers are replaced)
     * @description Requires the permission `reference:write`.
     */
    put: operations['putReorganisationsByIdMoves'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/reporting-departments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every reporting department of the chart, parents before children
     * @description Requires the permission `reference:read`.
     */
    get: operations['getReportingDepartments'];
    put?: never;
    /**
     * Add a reporting department under an existing one
     * @description Requires the permission `reference:write`.
     */
    post: operations['postReportingDepartments'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/reporting-departments/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One reporting department
     * @description Requires the permission `reference:read`.
     */
    get: operations['getReportingDepartmentsByCode'];
    put?: never;
    post?: never;
    /**
     * Delete a reporting department that has no children and that nothing refers to
     * @description Requires the permission `reference:write`.
     */
    delete: operations['deleteReportingDepartmentsByCode'];
    options?: never;
    head?: never;
    /**
     * Rename, reorder or move a reporting department
     * @description Requires the permission `reference:write`.
     */
    patch: operations['patchReportingDepartmentsByCode'];
    trace?: never;
  };
  '/api/roles': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every role of the company with its permissions
     * @description Requires the permission `reference:read`.
     */
    get: operations['getRoles'];
    put?: never;
    /**
     * Add a role
     * @description Requires the permission `reference:write`.
     */
    post: operations['postRoles'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/roles/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One role
     * @description Requires the permission `reference:read`.
     */
    get: operations['getRolesByCode'];
    put?: never;
    post?: never;
    /**
     * Delete a role that no account, transfer or history row uses
     * @description Requires the permission `reference:write`.
     */
    delete: operations['deleteRolesByCode'];
    options?: never;
    head?: never;
    /**
     * Rename a role or change its permissions
     * @description Requires the permission `reference:write`.
     */
    patch: operations['patchRolesByCode'];
    trace?: never;
  };
  '/api/ranks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every employee rank, by sort order
     * @description Requires the permission `reference:read`.
     */
    get: operations['getRanks'];
    put?: never;
    /**
     * Add an employee rank
     * @description Requires the permission `reference:write`.
     */
    post: operations['postRanks'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/ranks/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One employee rank
     * @description Requires the permission `reference:read`.
     */
    get: operations['getRanksByCode'];
    put?: never;
    post?: never;
    /**
     * Delete an employee rank that no rank history row names
     * @description Requires the permission `reference:write`.
     */
    delete: operations['deleteRanksByCode'];
    options?: never;
    head?: never;
    /**
     * Rename, reorder, activate or deactivate an employee rank
     * @description Requires the permission `reference:write`.
     */
    patch: operations['patchRanksByCode'];
    trace?: never;
  };
  '/api/partners': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Contractors and customers
     * @description Requires the permission `reference:read`.
     */
    get: operations['getPartners'];
    put?: never;
    /**
     * Add a contractor or customer
     * @description Requires the permission `reference:write`.
     */
    post: operations['postPartners'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/partners/{kind}/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One contractor or customer
     * @description Requires the permission `reference:read`.
     */
    get: operations['getPartnersByKindByCode'];
    put?: never;
    post?: never;
    /**
     * Delete a contractor or customer no account belongs to
     * @description Requires the permission `reference:write`.
     */
    delete: operations['deletePartnersByKindByCode'];
    options?: never;
    head?: never;
    /**
     * Rename a contractor or customer
     * @description Requires the permission `reference:write`.
     */
    patch: operations['patchPartnersByKindByCode'];
    trace?: never;
  };
  '/api/projects': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every project with its members
     * @description Requires the permission `reference:read`.
     */
    get: operations['getProjects'];
    put?: never;
    /**
     * Add a project, optionally with its members
     * @description Requires the permission `reference:write`.
     */
    post: operations['postProjects'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/projects/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One project with its members
     * @description Requires the permission `reference:read`.
     */
    get: operations['getProjectsByCode'];
    put?: never;
    post?: never;
    /**
     * Delete a project and its membership
     * @description Requires the permission `reference:write`.
     */
    delete: operations['deleteProjectsByCode'];
    options?: never;
    head?: never;
    /**
     * Rename a project or replace its whole membership
     * @description Requires the permission `reference:write`.
     */
    patch: operations['patchProjectsByCode'];
    trace?: never;
  };
  '/api/projects/{code}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Add one member to a project
     * @description Requires the permission `reference:write`.
     */
    post: operations['postProjectsByCodeMembers'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/projects/{code}/members/{accountCode}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Remove one member from a project
     * @description Requires the permission `reference:write`.
     */
    delete: operations['deleteProjectsByCodeMembersByAccountCode'];
    options?: never;
    head?: never;
    /**
     * Change a member's project role
     * @description Requires the permission `reference:write`.
     */
    patch: operations['patchProjectsByCodeMembersByAccountCode'];
    trace?: never;
  };
  '/api/accounts/{code}/visible-departments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The departments an account may see under its current control department
     * @description Requires the permission `accounts:read`.
     */
    get: operations['getAccountsByCodeVisibleDepartments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/visible-departments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The departments the logged-in account may see, as of its login */
    get: operations['getAuthVisibleDepartments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The audit trail, newest first (Accept: text/csv for the whole selection as a CSV file)
     * @description Requires the permission `audit:read`.
     */
    get: operations['getAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit-events/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Walks the company's hash chain and reports the first broken link
     * @description Requires the permission `audit:read`.
     */
    post: operations['postAuditEventsVerify'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit-actions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every action code of the audit trail with its text in the admin's language
     * @description Requires the permission `audit:read`.
     */
    get: operations['getAuditActions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process serves HTTP (checks nothing else) */
    get: operations['getHealthz'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: PostgreSQL and Temporal answer within 2 s */
    get: operations['getReadyz'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics of this API process (text exposition format) */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Session: {
      /** @description Bearer token for the Authorization header; absent for the admin console, whose session cookie carries it */
      token?: string;
      /** Format: date-time */
      expiresAt: string;
      /** @description When true the token only allows POST /api/auth/password, /me and logout */
      mustChangePassword: boolean;
      /** @description When true the token has no permission until POST /api/auth/mfa/enrolment/confirm succeeds */
      mfaEnrolmentRequired: boolean;
      account: {
        code: string;
        lastName: string;
        firstName: string;
        roleCode: string;
      };
      permissions: string[];
    };
    Error: {
      error: {
        /** @example VALIDATION_FAILED */
        code: string;
        message: string;
        /** @description Dotted path of the offending input, for input errors */
        field?: string;
        /** @description Every problem found, when there is more than one */
        issues?: {
          field: string;
          code: string;
          message: string;
        }[];
        /** @description The x-request-id of the request, for support */
        requestId?: string;
      };
    };
    LoginRequest: {
      /** @example demo */
      companyCode: string;
      /**
       * @description アカウントコード
       * @example Admin
       */
      loginId: string;
      password: string;
      /**
       * @description Required once the account uses MFA and has set it up (401 MFA_REQUIRED without it)
       * @example 123456
       */
      mfaCode?: string;
    };
    ChangePasswordRequest: {
      currentPassword: string;
      newPassword: string;
    };
    MfaEnrolment: {
      /** @description Base32 TOTP secret; shown only in this answer */
      secret: string;
      /** @description otpauth:// URI for a QR code */
      otpauthUri: string;
    };
    ConfirmMfaEnrolmentRequest: {
      /**
       * @description The current code of the authenticator app
       * @example 123456
       */
      code: string;
    };
    AccountList: {
      /** @description Every match, not only this page; with `totalIsLowerBound`, at least this many (shown as "10,000+") */
      total: number;
      /** @description True when the search matches more than 10,000 accounts: counting stopped there, and `total` is 10,000 (or the accounts up to this page, when more) */
      totalIsLowerBound: boolean;
      items: components['schemas']['AccountListItem'][];
    };
    AccountListItem: {
      /** @example E0001 */
      code: string;
      /**
       * @description 氏名略名, or 姓名 when there is none
       * @example 山田太郎
       */
      name: string;
      lastName: string;
      firstName: string;
      /**
       * @description 氏名カナ: 姓カナ and 名カナ written together
       * @example ヤマダタロウ
       */
      kana: string;
      /** @enum {string} */
      type: 'own' | 'contractor' | 'customer';
      /**
       * @description アカウント種別: 自社, 委託先 or 顧客
       * @enum {string}
       */
      typeLabel: '自社' | '委託先' | '顧客';
      departmentCode: string;
      departmentName: string;
      /** @description 委託先/顧客コード; null for own accounts */
      partnerCode: string | null;
      partnerName: string | null;
      /** Format: date-time */
      lastLoginAt: string | null;
      /**
       * Format: date-time
       * @description Set while locked out
       */
      lockedAt: string | null;
      /** @description Failed logins of the current window */
      failedLoginCount: number;
      disabled: boolean;
      loginDisabled: boolean;
      /** @enum {string} */
      passwordStatus: 'unissued' | 'issuing' | 'reissuing' | 'issued' | 'notice-expired';
      /** @enum {string} */
      authStatus: 'none' | 'pending' | 'verified' | 'expired';
      /**
       * @description How the password in use was delivered (発行済 by e-mail, PDF発行済 by a notice); null before
       * @enum {string|null}
       */
      passwordIssuedVia: 'email' | 'pdf' | null;
      /** @description パスワード / 認証状態 as the list shows them, e.g. 発行中 / 認証待ち */
      statusLabels: {
        password: string;
        auth: string;
      };
      /**
       * Format: date-time
       * @description When the last verification request mail was sent (shown on hover)
       */
      authRequestedAt: string | null;
    };
    AccountImportRowResult: {
      /** @description The record number in the file, the header being 1 */
      row: number;
      code: string;
      /** @enum {string} */
      outcome: 'create' | 'update' | 'unchanged' | 'error';
      /** @description The column (English name) of an error row */
      field: string;
      errorCode: string;
      /** @description The text of errorCode in the admin's language (Accept-Language, else the account's) */
      message: string;
    };
    AccountImport: {
      /** Format: uuid */
      importId: string;
      workflowId: string;
      fileName: string;
      /** @enum {string} */
      status: 'running' | 'done';
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      finishedAt: string | null;
      progress: {
        total: number;
        pending: number;
        created: number;
        updated: number;
        unchanged: number;
        failed: number;
      };
    };
    AccountImportColumns: {
      items: {
        key: string;
        ja: string;
        en: string;
        createOnly: boolean;
        /**
         * @description The values the cells take, where fixed (flag: 1/0, type: 自社/委託先/顧客…)
         * @enum {string|null}
         */
        format: 'flag' | 'type' | 'date' | 'month' | 'workStyle' | 'inputMethod' | 'locale' | null;
      }[];
    };
    Account: {
      /** @example E0001 */
      code: string;
      /** @enum {string} */
      type: 'own' | 'contractor' | 'customer';
      /**
       * @description アカウント種別: 自社, 委託先 or 顧客
       * @enum {string}
       */
      typeLabel: '自社' | '委託先' | '顧客';
      /** @description 委託先/顧客コード (CODE-BRANCH) */
      partnerCode: string | null;
      partnerName: string | null;
      lastName: string;
      firstName: string;
      lastNameKana: string | null;
      firstNameKana: string | null;
      shortName: string | null;
      /** @description メールアドレス1, 2, 3 (null where not set) */
      emails: (string | null)[];
      /** @enum {string|null} */
      locale: 'ja' | 'en' | null;
      /** @description (現在) assignment */
      current: {
        /** Format: date */
        effectiveDate: string;
        departmentCode: string;
        departmentName: string;
        controlDepartmentCode: string;
        controlDepartmentName: string;
        reportingControlDepartmentCode: string;
        reportingControlDepartmentName: string;
        roleCode: string;
        roleName: string;
      };
      /** @description (異動) the pending transfer, applied on its date */
      transfer: {
        /** Format: date */
        effectiveDate: string;
        departmentCode: string;
        departmentName: string;
        controlDepartmentCode: string;
        controlDepartmentName: string;
        reportingControlDepartmentCode: string;
        reportingControlDepartmentName: string;
        roleCode: string;
        roleName: string;
        /** @description The reorganisation (組織変更データ) that entered it: it is changed or cancelled there */
        reorganisationId: string | null;
      } | null;
      /** @description 社員ランク history, oldest first */
      ranks: {
        effectiveMonth: string;
        rankCode: string;
        rankName: string;
        active: boolean;
      }[];
      roleCode: string;
      /** @enum {string} */
      passwordStatus: 'unissued' | 'issuing' | 'reissuing' | 'issued' | 'notice-expired';
      /** @enum {string} */
      authStatus: 'none' | 'pending' | 'verified' | 'expired';
      /**
       * @description How the password in use was delivered (発行済 by e-mail, PDF発行済 by a notice); null before
       * @enum {string|null}
       */
      passwordIssuedVia: 'email' | 'pdf' | null;
      /** @description The labels of the account list: パスワード / 認証状態, e.g. 発行中 / 認証待ち */
      statusLabels: {
        password: string;
        auth: string;
      };
      /**
       * Format: date-time
       * @description When the last verification request mail was sent
       */
      authRequestedAt: string | null;
      mustChangePassword: boolean;
      /** Format: date-time */
      passwordChangedAt: string | null;
      /** Format: date-time */
      lastLoginAt: string | null;
      /** @description Failed logins of the current window (0 once the window has passed) */
      failedLoginCount: number;
      /** @example 30日間に3回ログイン失敗 */
      failedLoginLabel: string;
      /** Format: date-time */
      lockedAt: string | null;
      /**
       * Format: date-time
       * @description End of a temporary lock (accounts with administrator rights); null with lockedAt: until unlocked
       */
      lockedUntil: string | null;
      mfaEnabled: boolean;
      /**
       * @description 未設定 / 設定済
       * @enum {string}
       */
      mfaStatus: 'unset' | 'set';
      azureAdId: string | null;
      disabled: boolean;
      loginDisabled: boolean;
      smartphoneOnly: boolean;
      work: {
        effortAttendanceMatching: boolean;
        /** @enum {string|null} */
        workStyle: 'general' | 'flex' | null;
        /** @enum {string} */
        attendanceInputMethod: 'daily' | 'monthly';
        attendanceInputSkip: boolean;
        /** @enum {string} */
        effortInputMethod: 'daily' | 'monthly';
        effortInputSkip: boolean;
        discretionaryLabour: boolean;
        excludedFromUtilization: boolean;
      };
      note: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    CreateAccountRequest: {
      /**
       * @description Required with manual numbering; not accepted with automatic numbering
       * @example E0001
       */
      code?: string;
      /** @enum {string} */
      type: 'own' | 'contractor' | 'customer';
      /** @description Optional for contractor and customer (of that kind), refused for own */
      partnerCode?: string;
      current: components['schemas']['AssignmentInput'];
      lastName: string;
      firstName: string;
      lastNameKana?: string | null;
      firstNameKana?: string | null;
      /** @description 氏名略名: required, at most 6 (the list shows it) */
      shortName: string;
      /** @description メールアドレス1, 2, 3 in order; null leaves a slot empty */
      emails?: (string | null)[];
      /** @enum {string|null} */
      locale?: 'ja' | 'en' | null;
      disabled?: boolean;
      loginDisabled?: boolean;
      smartphoneOnly?: boolean;
      /** @description Optional: without one the account is 未発行 (unissued) and gets its password by issuance (PDF or e-mail) */
      password?: string;
      mustChangePassword?: boolean;
      azureAdId?: string | null;
      mfaEnabled?: boolean;
      work?: {
        effortAttendanceMatching?: boolean;
        /** @enum {string|null} */
        workStyle?: 'general' | 'flex' | null;
        /** @enum {string} */
        attendanceInputMethod?: 'daily' | 'monthly';
        attendanceInputSkip?: boolean;
        /** @enum {string} */
        effortInputMethod?: 'daily' | 'monthly';
        effortInputSkip?: boolean;
        discretionaryLabour?: boolean;
        excludedFromUtilization?: boolean;
      };
      note?: string | null;
      /** @description 社員ランク history rows; an own account needs at least one when the company has ranks. Later changes: /api/accounts/{code}/ranks */
      ranks?: components['schemas']['RankRowInput'][];
    };
    AssignmentInput: {
      effectiveDate: string;
      departmentCode: string;
      controlDepartmentCode: string;
      reportingControlDepartmentCode: string;
      roleCode: string;
    };
    RankRowInput: {
      effectiveMonth: string;
      rankCode: string;
    };
    UpdateAccountRequest: {
      lastName?: string;
      firstName?: string;
      lastNameKana?: string | null;
      firstNameKana?: string | null;
      /** @description 氏名略名: required, at most 6 (the list shows it) */
      shortName?: string;
      /** @description メールアドレス1, 2, 3 in order; null leaves a slot empty */
      emails?: (string | null)[];
      /** @enum {string|null} */
      locale?: 'ja' | 'en' | null;
      disabled?: boolean;
      loginDisabled?: boolean;
      smartphoneOnly?: boolean;
      /** @description 半角, case-sensitive, at least the company minimum */
      password?: string;
      mustChangePassword?: boolean;
      azureAdId?: string | null;
      mfaEnabled?: boolean;
      work?: {
        effortAttendanceMatching?: boolean;
        /** @enum {string|null} */
        workStyle?: 'general' | 'flex' | null;
        /** @enum {string} */
        attendanceInputMethod?: 'daily' | 'monthly';
        attendanceInputSkip?: boolean;
        /** @enum {string} */
        effortInputMethod?: 'daily' | 'monthly';
        effortInputSkip?: boolean;
        discretionaryLabour?: boolean;
        excludedFromUtilization?: boolean;
      };
      note?: string | null;
      /** @description null removes the contractor/customer */
      partnerCode?: string | null;
      /** @description Corrects the current assignment (recorded in the history) */
      current?: {
        effectiveDate: string;
        departmentCode: string;
        controlDepartmentCode: string;
        reportingControlDepartmentCode: string;
        roleCode: string;
      };
      /**
       * @description Only the current value: the type is fixed after creation
       * @enum {string}
       */
      type?: 'own' | 'contractor' | 'customer';
      /** @description Step-up: the current password of the logged-in account, required to change its own mfaEnabled, azureAdId or emails, or reset its own MFA (403 STEP_UP_REQUIRED without) */
      currentPassword?: string;
      /**
       * @description Step-up: the TOTP code too, when the own account uses MFA
       * @example 123456
       */
      mfaCode?: string;
    };
    AccountSecurityState: {
      code: string;
      /** @description ログイン失敗回数 within the current window */
      failedLoginCount: number;
      /** Format: date-time */
      lastFailedLoginAt: string | null;
      /**
       * Format: date-time
       * @description ロックアウト日時; null when not locked
       */
      lockedAt: string | null;
      /**
       * Format: date-time
       * @description End of a temporary lock (accounts with administrator rights); null: locked until unlocked
       */
      lockedUntil: string | null;
      /** @description 多要素認証: 使用する */
      mfaEnabled: boolean;
      /**
       * @description 多要素認証設定状況: 未設定 / 設定済
       * @enum {string}
       */
      mfaStatus: 'unset' | 'set';
    };
    StepUpRequest: {
      /** @description Step-up: the current password of the logged-in account, required to change its own mfaEnabled, azureAdId or emails, or reset its own MFA (403 STEP_UP_REQUIRED without) */
      currentPassword?: string;
      /**
       * @description Step-up: the TOTP code too, when the own account uses MFA
       * @example 123456
       */
      mfaCode?: string;
    };
    TransferPlan: {
      /**
       * @description applied at once (dated today or earlier) or pending
       * @enum {string}
       */
      status: 'pending' | 'applied' | 'cancelled';
      /** Format: date */
      effectiveDate: string;
      /**
       * Format: date-time
       * @description When the date begins in the company's time zone
       */
      effectiveAt: string;
      /** @description The run that applies it, for the Temporal UI */
      workflowId: string | null;
      account: components['schemas']['Account'];
    };
    AssignmentHistory: {
      items: {
        /** @enum {string} */
        kind: 'assignment' | 'transfer';
        /** Format: date */
        effectiveDate: string;
        departmentCode: string;
        controlDepartmentCode: string;
        reportingControlDepartmentCode: string;
        roleCode: string;
        /** @description registration | edit | transfer, or the transfer status */
        source: string;
        /** Format: date-time */
        recordedAt: string;
      }[];
    };
    StartEmailIssuanceRequest: {
      /**
       * @description Which address gets the mails: メールアドレス1 (default), 2 or 3
       * @default 1
       */
      emailSlot: 1 | 2 | 3;
    };
    Issuance: {
      /** Format: uuid */
      id: string;
      sequence: number;
      /** @enum {string} */
      kind: 'initial' | 'reissue-verify' | 'reissue-direct';
      /** @enum {string} */
      channel: 'email' | 'pdf';
      emailSlot: number;
      emailAddress: string;
      /** @enum {string} */
      status: 'sending' | 'pending' | 'verified' | 'issued' | 'expired' | 'superseded' | 'failed';
      /** @description Find the run in the Temporal UI by this id */
      workflowId: string;
      /** @description Account code of the admin who started it */
      requestedBy: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      verificationSentAt: string | null;
      /** Format: date-time */
      expiresAt: string | null;
      /** Format: date-time */
      verifiedAt: string | null;
      /** Format: date-time */
      issuedAt: string | null;
      /** Format: date-time */
      endedAt: string | null;
      failureReason: string | null;
    };
    BulkEmailIssuancePreview: {
      lines: {
        code: string;
        name: string;
        emailSlot: number;
        address: string | null;
        /** @description The address, or 未設定 */
        addressLabel: string;
        included: boolean;
        /** @enum {string|null} */
        exclusionReason:
          | 'ACCOUNT_DISABLED'
          | 'EMAIL_NOT_SET'
          | 'ALREADY_ISSUED'
          | 'ADDRESS_CHANGE_NOT_PERMITTED'
          | 'REISSUE_NOT_PERMITTED'
          | 'NOT_PERMITTED'
          | null;
        /**
         * @description first-issuance or excluded
         * @enum {string}
         */
        action: 'first-issuance' | 'excluded';
        /** @description 新規発行 / 対象外 */
        actionLabel: string;
        /** @description Why the employee is left out (Japanese) */
        exclusionLabel: string | null;
        /** @description The account already has a password: left out (ALREADY_ISSUED, 再発行は個別に行ってください); reissue one person at a time */
        reissue: boolean;
        duplicateAddress: boolean;
      }[];
      included: number;
      excluded: number;
      duplicateAddresses: {
        address: string;
        /** @description For a filter or file: the first 10 */
        accountCodes: string[];
        /** @description For a filter or file: how many share it */
        count?: number;
      }[];
      estimate: {
        /** @description Estimated seconds until every verification mail is out */
        seconds: number;
        secondsPerMail: number;
        /** @description False while the default rate is used (no run measured yet) */
        measured: boolean;
      };
      /** @description For a filter or file: counts over every selected employee; `lines` holds the first 100 */
      selection?: {
        /** @description Every employee the filter or file selects */
        selected: number;
        excludedBy: {
          ACCOUNT_DISABLED?: number;
          EMAIL_NOT_SET?: number;
          ALREADY_ISSUED?: number;
          ADDRESS_CHANGE_NOT_PERMITTED?: number;
          REISSUE_NOT_PERMITTED?: number;
          NOT_PERMITTED?: number;
        };
        addressesPerSlot: {
          slot: number;
          count: number;
        }[];
        /** @description Included employees sharing an address with another */
        duplicateLines: number;
      };
      /** @description Messages for the admin in the admin's language (Accept-Language, else the account's locale) */
      messages: {
        code: string;
        message: string;
      }[];
    };
    BulkEmailIssuanceSelection: {
      /** @description The selected employees one by one (up to 10,000); or `filter` */
      accounts?: {
        /** @example E0001 */
        code: string;
        /**
         * @description メールアドレス1 (default), 2 or 3
         * @default 1
         */
        emailSlot: 1 | 2 | 3;
        /**
         * Format: email
         * @description For an employee without メールアドレス1: saved as メールアドレス1 when the run starts, as a change of the account (the same policy as PATCH /api/accounts/{code}); for an account the caller may not change the employee is left out (ADDRESS_CHANGE_NOT_PERMITTED) and nothing is saved
         */
        typedAddress?: string;
      }[];
      /** @description Every account the account list (GET /api/accounts) shows for these filters, resolved on the server (up to a whole company); with `emailSlot` */
      filter?: {
        /** @description アカウントコード, matched from the start (前方一致) */
        code?: string;
        /**
         * @description アカウント種別
         * @enum {string}
         */
        type?: 'own' | 'contractor' | 'customer';
        /** @description 委託先/顧客コード (CODE-BRANCH); with `type` only a partner of that kind matches */
        partnerCode?: string;
        /**
         * @description 氏名, matched anywhere in 姓名 written together (spaces are ignored)
         * @example 山田
         */
        name?: string;
        /**
         * @description 氏名カナ, matched anywhere in 姓名カナ; half-width katakana and hiragana are read as katakana
         * @example ヤマ
         */
        kana?: string;
        /** @description 所属部門コード */
        departmentCode?: string;
        /**
         * @description 部門配下: also accounts of the departments below `departmentCode` (default false)
         * @enum {string}
         */
        includeSubDepartments?: 'true' | 'false';
        /** @description 参加プロジェクトコード: members (PM, PL, member) of this project */
        projectCode?: string;
        /**
         * @description ロックアウト状態である: only locked-out accounts (default false)
         * @enum {string}
         */
        lockedOnly?: 'true' | 'false';
        /**
         * @description 無効を含む (default false)
         * @enum {string}
         */
        includeDisabled?: 'true' | 'false';
        /**
         * @description ログイン不可を含む (default false)
         * @enum {string}
         */
        includeLoginDisabled?: 'true' | 'false';
        /**
         * @description パスワード/認証状態: unissued 未発行, issuing 発行中, reissuing 再発行中, issued 発行済, pdf-issued PDF発行済, notice-expired PDF未取得/期限切れ, auth-pending 認証待ち, auth-expired 期限切れ, auth-verified 認証済
         * @enum {string}
         */
        issuanceStatus?:
          | 'unissued'
          | 'issuing'
          | 'reissuing'
          | 'issued'
          | 'pdf-issued'
          | 'notice-expired'
          | 'auth-pending'
          | 'auth-expired'
          | 'auth-verified';
      };
      /** @description With `filter`: the address slot for everybody (default メールアドレス1) */
      emailSlot?: 1 | 2 | 3;
    };
    BulkRunProgress: {
      total: number;
      queued: number;
      sending: number;
      pendingVerification: number;
      verified: number;
      issued: number;
      expired: number;
      superseded: number;
      failed: number;
      skipped: number;
      failures: {
        accountCode: string;
        /** @enum {string} */
        outcome: 'skipped' | 'failed';
        reason: string;
      }[];
      /** @description Mails failing temporarily right now (SMTP down, 4xx replies); null while they go out */
      deliveryProblem: {
        /** @description `SMTP 451` (the reply code), or `UNREACHABLE` when no server answered */
        reason: string;
        /**
         * Format: date-time
         * @description When the first of these mails began to fail
         */
        since: string;
        /** @description Mails waiting on it */
        mails: number;
        /** @description What is happening, in the admin’s language */
        message: string;
      } | null;
      /** @description From the measured send rate; null while deliveryProblem is set (no honest estimate) */
      estimatedSecondsRemaining: number | null;
    };
    BulkRunItems: {
      items: {
        position: number;
        accountCode: string;
        name: string;
        emailSlot: number;
        address: string | null;
        /** @enum {string} */
        state:
          | 'queued'
          | 'sending'
          | 'pendingVerification'
          | 'verified'
          | 'issued'
          | 'expired'
          | 'superseded'
          | 'failed'
          | 'skipped';
        /** @description A reissue (再発行): the employee had a password before */
        reissue: boolean;
        /** @description Why it was skipped or failed */
        reason: string | null;
      }[];
    };
    CredentialMail: {
      /** Format: uuid */
      issuanceId: string;
      workflowId: string;
      /** @enum {string} */
      kind: 'reissue-direct';
      emailSlot: number;
      emailAddress: string;
      warnings: {
        /** @enum {string} */
        code: 'ADDRESS_NOT_VERIFIED';
        message: string;
      }[];
    };
    CredentialMailRequest: {
      /**
       * @description The address the login id and new password go to: メールアドレス1 (default), 2 or 3
       * @default 1
       */
      emailSlot: 1 | 2 | 3;
    };
    PdfIssuance: {
      /** Format: uuid */
      id: string;
      sequence: number;
      /** @enum {string} */
      kind: 'initial' | 'reissue-verify' | 'reissue-direct';
      /** @enum {string} */
      status: 'sending' | 'pending' | 'verified' | 'issued' | 'expired' | 'superseded' | 'failed';
      /** @description Find the run in the Temporal UI by this id */
      workflowId: string;
      /** @description Account code of the admin who started it */
      requestedBy: string;
      /** Format: date-time */
      createdAt: string;
      download: {
        /** @description One-time link to the パスワード通知書; needs the bearer token too. Shown only in this answer. */
        url: string;
        /** Format: date-time */
        expiresAt: string;
        /** @description False while the worker is still rendering: fetch again shortly */
        ready: boolean;
      };
    };
    BulkPdfPreview: {
      lines: {
        code: string;
        name: string;
        /** @description The account already has a password: left out (ALREADY_ISSUED, 再発行は個別に行ってください); reissue one person at a time */
        reissue: boolean;
        included: boolean;
        /** @enum {string|null} */
        exclusionReason:
          | 'ACCOUNT_DISABLED'
          | 'EMAIL_NOT_SET'
          | 'ALREADY_ISSUED'
          | 'ADDRESS_CHANGE_NOT_PERMITTED'
          | 'REISSUE_NOT_PERMITTED'
          | 'NOT_PERMITTED'
          | null;
        /**
         * @description first-issuance or excluded
         * @enum {string}
         */
        action: 'first-issuance' | 'excluded';
        /** @description 新規発行 / 対象外 */
        actionLabel: string;
        /** @description Why the employee is left out (Japanese) */
        exclusionLabel: string | null;
      }[];
      included: number;
      /** @description Always 0: a bulk run never resets a working password (kept for compatibility) */
      reissues: number;
      excluded: number;
      /** @description Messages for the admin in the admin's language (Accept-Language, else the account's locale) */
      messages: {
        code: string;
        message: string;
      }[];
    };
    StartBulkPdfIssuanceRequest: {
      /** @description The selected employees; the PDF has one page each, in account-code order. Or `filter` */
      accountCodes?: string[];
      /** @description Every account the account list (GET /api/accounts) shows for these filters, resolved on the server; more than 2000 is a 400 TOO_MANY_SELECTED */
      filter?: {
        /** @description アカウントコード, matched from the start (前方一致) */
        code?: string;
        /**
         * @description アカウント種別
         * @enum {string}
         */
        type?: 'own' | 'contractor' | 'customer';
        /** @description 委託先/顧客コード (CODE-BRANCH); with `type` only a partner of that kind matches */
        partnerCode?: string;
        /**
         * @description 氏名, matched anywhere in 姓名 written together (spaces are ignored)
         * @example 山田
         */
        name?: string;
        /**
         * @description 氏名カナ, matched anywhere in 姓名カナ; half-width katakana and hiragana are read as katakana
         * @example ヤマ
         */
        kana?: string;
        /** @description 所属部門コード */
        departmentCode?: string;
        /**
         * @description 部門配下: also accounts of the departments below `departmentCode` (default false)
         * @enum {string}
         */
        includeSubDepartments?: 'true' | 'false';
        /** @description 参加プロジェクトコード: members (PM, PL, member) of this project */
        projectCode?: string;
        /**
         * @description ロックアウト状態である: only locked-out accounts (default false)
         * @enum {string}
         */
        lockedOnly?: 'true' | 'false';
        /**
         * @description 無効を含む (default false)
         * @enum {string}
         */
        includeDisabled?: 'true' | 'false';
        /**
         * @description ログイン不可を含む (default false)
         * @enum {string}
         */
        includeLoginDisabled?: 'true' | 'false';
        /**
         * @description パスワード/認証状態: unissued 未発行, issuing 発行中, reissuing 再発行中, issued 発行済, pdf-issued PDF発行済, notice-expired PDF未取得/期限切れ, auth-pending 認証待ち, auth-expired 期限切れ, auth-verified 認証済
         * @enum {string}
         */
        issuanceStatus?:
          | 'unissued'
          | 'issuing'
          | 'reissuing'
          | 'issued'
          | 'pdf-issued'
          | 'notice-expired'
          | 'auth-pending'
          | 'auth-expired'
          | 'auth-verified';
      };
    };
    BulkPdfIssuance: {
      /** Format: uuid */
      id: string;
      /** @description Find the run in the Temporal UI by this id */
      workflowId: string;
      total: number;
      /** @description Employees whose new password is set */
      done: number;
      /** @enum {string} */
      stage: 'issuing' | 'assembling' | 'ready' | 'fetched' | 'superseded' | 'discarded' | 'failed';
      /** @description Always 0: a bulk run never resets a working password (kept for compatibility) */
      reissues?: number;
      /** @description Selected employees left out of the PDF and why; in the answer that started the run */
      excluded?: {
        code: string;
        /** @enum {string} */
        reason:
          | 'ACCOUNT_DISABLED'
          | 'EMAIL_NOT_SET'
          | 'ALREADY_ISSUED'
          | 'ADDRESS_CHANGE_NOT_PERMITTED'
          | 'REISSUE_NOT_PERMITTED'
          | 'NOT_PERMITTED';
      }[];
      download: {
        /** @description One-time link; only in the answer that started the run */
        url: string | null;
        /** Format: date-time */
        expiresAt: string;
        ready: boolean;
        fetched: boolean;
      };
    };
    CompanySettings: {
      companyCode: string;
      companyName: string;
      /**
       * @description パスワードの発行手段
       * @enum {string}
       */
      issuanceChannel: 'email' | 'pdf';
      /** @description 認証要求メール有効期間 (hours) */
      verificationValidityHours: number;
      serviceName: string;
      appDownloadUrl: string | null;
      browserUrl: string | null;
      /** @description パスワード有効文字数 */
      minPasswordLength: number;
      timeZone: string;
      /** @enum {string} */
      locale: 'ja' | 'en';
      /**
       * @description アカウントコード: manual entry or automatic numbering
       * @enum {string}
       */
      accountCodeNumbering: 'manual' | 'auto';
      /** @description Failed logins within the window that lock an account */
      lockoutThreshold: number;
      /** @description ロックアウト失敗対象日数 */
      lockoutWindowDays: number;
      /** @description 多要素認証を有効にする */
      mfaEnabled: boolean;
      /** @description Azure AD認証: accounts may carry an Azure AD id */
      azureAdEnabled: boolean;
      /** @description Azure AD sign-in: OpenID issuer URL */
      azureAdIssuerUrl: string | null;
      /** @description Azure AD sign-in: application (client) id */
      azureAdClientId: string | null;
      /** @description Webスマートフォンオプション */
      smartphoneOptionEnabled: boolean;
      /**
       * @description 自社マスタ [勤務形態]
       * @enum {string}
       */
      workStylePolicy: 'both' | 'general-only' | 'flex-only';
      /** @description 監査ログの保存期間 (years): housekeeping prunes older audit events */
      auditRetentionYears: number;
    };
    CompanyFeatures: {
      /**
       * @description パスワードの発行手段
       * @enum {string}
       */
      issuanceChannel: 'email' | 'pdf';
      /**
       * @description アカウントコード: manual entry or automatic numbering
       * @enum {string}
       */
      accountCodeNumbering: 'manual' | 'auto';
      /** @description パスワード有効文字数 */
      minPasswordLength: number;
      /** @description ロックアウト失敗対象日数 */
      lockoutWindowDays: number;
      /** @description 多要素認証を有効にする */
      mfaEnabled: boolean;
      /** @description Azure AD認証: accounts may carry an Azure AD id */
      azureAdEnabled: boolean;
      /** @description Webスマートフォンオプション */
      smartphoneOptionEnabled: boolean;
      /**
       * @description 自社マスタ [勤務形態]
       * @enum {string}
       */
      workStylePolicy: 'both' | 'general-only' | 'flex-only';
      timeZone: string;
    };
    UpdateCompanySettingsRequest: {
      companyName?: string;
      /** @enum {string} */
      issuanceChannel?: 'email' | 'pdf';
      verificationValidityHours?: number;
      serviceName?: string;
      /** Format: uri */
      appDownloadUrl?: string | null;
      /** Format: uri */
      browserUrl?: string | null;
      minPasswordLength?: number;
      timeZone?: string;
      /** @enum {string} */
      locale?: 'ja' | 'en';
      /** @enum {string} */
      accountCodeNumbering?: 'manual' | 'auto';
      lockoutThreshold?: number;
      lockoutWindowDays?: number;
      mfaEnabled?: boolean;
      azureAdEnabled?: boolean;
      /** Format: uri */
      azureAdIssuerUrl?: string | null;
      azureAdClientId?: string | null;
      /** @description Write-only; stored encrypted */
      azureAdClientSecret?: string | null;
      smartphoneOptionEnabled?: boolean;
      /** @enum {string} */
      workStylePolicy?: 'both' | 'general-only' | 'flex-only';
      auditRetentionYears?: number;
    };
    CreateScimTokenRequest: {
      name: string;
      /** @description The provisioning role the token acts with; never above your own, never the system administrator */
      roleCode: string;
    };
    ScimToken: {
      id: string;
      name: string;
      roleCode: string;
      /** @description アカウントコード of the administrator who made it */
      createdBy: string;
      createdAt: string;
      lastUsedAt: string | null;
      revokedAt: string | null;
    };
    ScimProvisioningDefaults: {
      /** @enum {string} */
      type: 'own' | 'contractor' | 'customer';
      roleCode: string;
      departmentCode: string;
      controlDepartmentCode: string;
      reportingControlDepartmentCode: string;
      rankCode: string | null;
      /** @description A new account with an address gets the verification request mail at once (e-mail channel only) */
      issueOnCreate: boolean;
    };
    UpdateScimProvisioningDefaultsRequest: {
      /** @enum {string} */
      type?: 'own' | 'contractor' | 'customer';
      roleCode?: string;
      departmentCode?: string;
      controlDepartmentCode?: string;
      reportingControlDepartmentCode?: string;
      rankCode?: string | null;
      /** @description A new account with an address gets the verification request mail at once (e-mail channel only) */
      issueOnCreate?: boolean;
    };
    Department: {
      code: string;
      name: string;
      /** @description Empty only for the root 0 (全社) */
      parentCode: string | null;
      /** @description The root is 0 */
      depth: number;
      /** @description Codes from the root down to this unit */
      path: string[];
      sortOrder: number;
      approverCode: string | null;
      /**
       * Format: date
       * @description First day (組織変更); null: since always
       */
      validFrom: string | null;
      /**
       * Format: date
       * @description Last day (closed by a 組織変更); null: open-ended
       */
      validTo: string | null;
    };
    CreateDepartmentRequest: {
      /** @example 100 */
      code: string;
      name: string;
      /**
       * @description Every unit but the root 0 (全社) has a parent
       * @example 100
       */
      parentCode: string;
      /** @description Order among siblings (then by code) */
      sortOrder?: number;
      /**
       * @description 承認者: account code; null removes the approver
       * @example E0001
       */
      approverCode?: string | null;
    };
    UpdateDepartmentRequest: {
      name?: string;
      /** @example 100 */
      parentCode?: string;
      /** @description Order among siblings (then by code) */
      sortOrder?: number;
      /**
       * @description 承認者: account code; null removes the approver
       * @example E0001
       */
      approverCode?: string | null;
    };
    Reorganisation: {
      id: string;
      /** Format: date */
      effectiveDate: string;
      /**
       * Format: date-time
       * @description When the date begins in the company's time zone
       */
      effectiveAt: string;
      /** @enum {string} */
      status: 'pending' | 'applied' | 'cancelled';
      note: string | null;
      /** @description The run that applies it while pending */
      workflowId: string | null;
      changes: {
        /** @enum {string} */
        kind: 'create' | 'rename' | 'move' | 'close';
        code: string;
        name: string | null;
        parentCode: string | null;
      }[];
      /** @description Accounts it moves on its date, each a transfer shown in the account's 異動 */
      moves: {
        accountCode: string;
        accountName: string;
        departmentCode: string;
        controlDepartmentCode: string;
        /**
         * @description Of the transfer it entered (異動)
         * @enum {string}
         */
        status: 'pending' | 'applied' | 'cancelled';
      }[];
      /** Format: date-time */
      appliedAt: string | null;
      /** Format: date-time */
      cancelledAt: string | null;
    };
    RegisterReorganisationRequest: {
      /** @description YYYY-MM-DD in the company time zone; today or later */
      effectiveDate: string;
      note?: string;
      /** @default [] */
      changes: (
        | {
            /** @enum {string} */
            kind: 'create';
            /** @example 100 */
            code: string;
            name: string;
            /** @example 100 */
            parentCode: string;
          }
        | {
            /** @enum {string} */
            kind: 'rename';
            /** @example 100 */
            code: string;
            name: string;
          }
        | {
            /** @enum {string} */
            kind: 'move';
            /** @example 100 */
            code: string;
            /** @example 100 */
            parentCode: string;
          }
        | {
            /** @enum {string} */
            kind: 'close';
            /** @example 100 */
            code: string;
          }
      )[];
      /**
       * @description Accounts moved on the date, each as a pending transfer shown in the account's 異動
       * @default []
       */
      moves: {
        accountCode: string;
        /** @example 100 */
        departmentCode: string;
        /**
         * @description Default: the current control department
         * @example 100
         */
        controlDepartmentCode?: string;
      }[];
    };
    ReorganisationMovesRequest: {
      moves: {
        accountCode: string;
        /** @example 100 */
        departmentCode: string;
        /**
         * @description Default: the current control department
         * @example 100
         */
        controlDepartmentCode?: string;
      }[];
    };
    ReportingDepartment: {
      code: string;
      name: string;
      /** @description Empty only for the root 0 (全社) */
      parentCode: string | null;
      /** @description The root is 0 */
      depth: number;
      /** @description Codes from the root down to this unit */
      path: string[];
      sortOrder: number;
    };
    CreateReportingDepartmentRequest: {
      /** @example 100 */
      code: string;
      name: string;
      /**
       * @description Every unit but the root 0 (全社) has a parent
       * @example 100
       */
      parentCode: string;
      /** @description Order among siblings (then by code) */
      sortOrder?: number;
    };
    UpdateReportingDepartmentRequest: {
      name?: string;
      /** @example 100 */
      parentCode?: string;
      /** @description Order among siblings (then by code) */
      sortOrder?: number;
    };
    Role: {
      code: string;
      name: string;
      permissions: (
        | 'accounts:read'
        | 'accounts:write'
        | 'settings:read'
        | 'settings:write'
        | 'reference:read'
        | 'reference:write'
        | 'issuance:issue'
        | 'issuance:reissue'
        | 'audit:read'
      )[];
      /** @description Created with every company; cannot be deleted */
      builtIn: boolean;
    };
    CreateRoleRequest: {
      /** @example user-admin */
      code: string;
      name: string;
      /** @description Each from the fixed list of permissions; duplicates count once */
      permissions: (
        | 'accounts:read'
        | 'accounts:write'
        | 'settings:read'
        | 'settings:write'
        | 'reference:read'
        | 'reference:write'
        | 'issuance:issue'
        | 'issuance:reissue'
        | 'audit:read'
      )[];
    };
    UpdateRoleRequest: {
      name?: string;
      /** @description Each from the fixed list of permissions; duplicates count once */
      permissions?: (
        | 'accounts:read'
        | 'accounts:write'
        | 'settings:read'
        | 'settings:write'
        | 'reference:read'
        | 'reference:write'
        | 'issuance:issue'
        | 'issuance:reissue'
        | 'audit:read'
      )[];
    };
    Rank: {
      code: string;
      name: string;
      /** @description An inactive rank cannot be chosen for a new account (shown with *) */
      active: boolean;
      sortOrder: number;
    };
    CreateRankRequest: {
      /** @example S1 */
      code: string;
      name: string;
      active?: boolean;
      sortOrder?: number;
    };
    UpdateRankRequest: {
      name?: string;
      active?: boolean;
      sortOrder?: number;
    };
    Partner: {
      /**
       * @description 委託先 (contractor) or 顧客 (customer)
       * @enum {string}
       */
      kind: 'contractor' | 'customer';
      code: string;
      name: string;
    };
    CreatePartnerRequest: {
      /**
       * @description 委託先 (contractor) or 顧客 (customer)
       * @enum {string}
       */
      kind: 'contractor' | 'customer';
      /** @example C001-01 */
      code: string;
      name: string;
    };
    UpdatePartnerRequest: {
      name: string;
    };
    Project: {
      code: string;
      name: string;
      /** @description PM first, then PLs, then members, each by account code */
      members: {
        accountCode: string;
        lastName: string;
        firstName: string;
        /**
         * @description pm (at most one per project), pl or member
         * @enum {string}
         */
        projectRole: 'pm' | 'pl' | 'member';
      }[];
    };
    CreateProjectRequest: {
      /** @example P2026001-01 */
      code: string;
      name: string;
      /** @description The whole membership; each account at most once, at most one pm */
      members?: {
        /** @example E0001 */
        accountCode: string;
        /**
         * @description pm (at most one per project), pl or member
         * @enum {string}
         */
        projectRole: 'pm' | 'pl' | 'member';
      }[];
    };
    UpdateProjectRequest: {
      name?: string;
      /** @description The whole membership; each account at most once, at most one pm */
      members?: {
        /** @example E0001 */
        accountCode: string;
        /**
         * @description pm (at most one per project), pl or member
         * @enum {string}
         */
        projectRole: 'pm' | 'pl' | 'member';
      }[];
    };
    AddProjectMemberRequest: {
      /** @example E0001 */
      accountCode: string;
      /**
       * @description pm (at most one per project), pl or member
       * @enum {string}
       */
      projectRole: 'pm' | 'pl' | 'member';
    };
    ChangeProjectMemberRequest: {
      /**
       * @description pm (at most one per project), pl or member
       * @enum {string}
       */
      projectRole: 'pm' | 'pl' | 'member';
    };
    VisibleDepartments: {
      /** @description コントロール部門; 0 (全社) sees everything */
      controlDepartmentCode: string | null;
      /** @description The control department and everything below it, parents before children */
      items: {
        code: string;
        name: string;
        parentCode: string | null;
        depth: number;
        /** @description Codes from the root 0 (全社) down to this department */
        path: string[];
      }[];
    };
    AuditEvent: {
      /** @description The event's number in its company's chain (also the paging cursor) */
      seq: string;
      /** Format: date-time */
      occurredAt: string;
      /**
       * @description A stable code (docs/audit.md)
       * @example account.update
       */
      action: string;
      /**
       * @description The action in the admin's language
       * @example アカウント修正
       */
      actionText: string;
      /** @enum {string} */
      outcome: 'succeeded' | 'refused' | 'failed';
      /** @description A refusal's or failure's code */
      reason: string | null;
      actor: {
        /** @enum {string} */
        kind: 'account' | 'scim-token' | 'system' | 'anonymous';
        accountId: string | null;
        /** @description An account's code, a SCIM token's or system actor's name */
        code: string | null;
        name: string | null;
        role: string | null;
      };
      target: {
        /** @example account */
        type: string;
        id: string | null;
        code: string | null;
        name: string | null;
      };
      changes: components['schemas']['AuditChange'][];
      details: {
        [key: string]: unknown;
      } | null;
      requestId: string | null;
      clientAddress: string | null;
      traceId: string | null;
    };
    AuditChange:
      | {
          field: string;
          before?: unknown;
          after?: unknown;
        }
      | {
          field: string;
          /** @enum {boolean} */
          changed: true;
        };
    AuditChainVerification: {
      ok: boolean;
      checked: number;
      firstBroken: {
        seq: string;
        /** @enum {string} */
        problem: 'row-altered' | 'link-broken' | 'sequence-gap' | 'head-mismatch';
      } | null;
      lastHash: string;
    };
    AuditActions: {
      items: {
        code: string;
        text: string;
      }[];
    };
    Health: {
      /** @enum {string} */
      status: 'ok';
    };
    Readiness: {
      /** @enum {string} */
      status: 'ready' | 'unavailable';
      checks: {
        /** @enum {string} */
        database: 'ok' | 'unavailable';
        /** @enum {string} */
        temporal: 'ok' | 'unavailable';
      };
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  postAuthLogin: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginRequest'];
      };
    };
    responses: {
      /** @description Logged in */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Session'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description INVALID_CREDENTIALS (also for a locked account with a wrong password), MFA_REQUIRED, INVALID_MFA_CODE */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Right password, but LOGIN_DISABLED or ACCOUNT_LOCKED */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postAuthSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginRequest'];
      };
    };
    responses: {
      /** @description Logged in; Set-Cookie wc_session (httpOnly) and wc_csrf (to send back as X-CSRF-Token); no token in the body */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Session'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description As POST /api/auth/login */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description As POST /api/auth/login */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postAuthPassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangePasswordRequest'];
      };
    };
    responses: {
      /** @description Changed; all earlier tokens are revoked, a new one is returned */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Session'];
        };
      };
      /** @description WRONG_CURRENT_PASSWORD (counted as a failed login: the lockout applies), PASSWORD_TOO_SHORT, PASSWORD_UNCHANGED */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many wrong current passwords from this address (the login limits) */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postAuthLogout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getAuthMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The logged-in account */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            companyCode: string;
            companyName: string;
            accountCode: string;
            lastName: string;
            firstName: string;
            /**
             * @description The account's language, else the company's
             * @enum {string}
             */
            locale: 'ja' | 'en';
            roleCode: string;
            permissions: string[];
            mustChangePassword: boolean;
            /**
             * @description MFA not used / 未設定 (enrolment required) / 設定済
             * @enum {string}
             */
            mfaStatus: 'off' | 'unset' | 'set';
            /**
             * @description パスワードの発行手段 of the company: the console's issuance links and buttons follow it
             * @enum {string}
             */
            issuanceChannel: 'email' | 'pdf';
            /** @description The company's time zone: the console shows dates in it */
            timeZone: string;
          };
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postAuthMfaEnrolment: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The secret, shown only here */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MfaEnrolment'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description MFA_NOT_ENABLED or MFA_ALREADY_CONFIGURED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postAuthMfaEnrolmentConfirm: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ConfirmMfaEnrolmentRequest'];
      };
    };
    responses: {
      /** @description Set up; all earlier tokens are revoked, a full one is returned */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Session'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description MFA_NOT_ENABLED, MFA_ALREADY_CONFIGURED or MFA_ENROLMENT_NOT_STARTED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getAccounts: {
    parameters: {
      query?: {
        /** @description アカウントコード, matched from the start (前方一致) */
        code?: string;
        /** @description アカウント種別 */
        type?: 'own' | 'contractor' | 'customer';
        /** @description 委託先/顧客コード (CODE-BRANCH); with `type` only a partner of that kind matches */
        partnerCode?: string;
        /** @description 氏名, matched anywhere in 姓名 written together (spaces are ignored) */
        name?: string;
        /** @description 氏名カナ, matched anywhere in 姓名カナ; half-width katakana and hiragana are read as katakana */
        kana?: string;
        /** @description 所属部門コード */
        departmentCode?: string;
        /** @description 部門配下: also accounts of the departments below `departmentCode` (default false) */
        includeSubDepartments?: 'true' | 'false';
        /** @description 参加プロジェクトコード: members (PM, PL, member) of this project */
        projectCode?: string;
        /** @description ロックアウト状態である: only locked-out accounts (default false) */
        lockedOnly?: 'true' | 'false';
        /** @description 無効を含む (default false) */
        includeDisabled?: 'true' | 'false';
        /** @description ログイン不可を含む (default false) */
        includeLoginDisabled?: 'true' | 'false';
        /** @description パスワード/認証状態: unissued 未発行, issuing 発行中, reissuing 再発行中, issued 発行済, pdf-issued PDF発行済, notice-expired PDF未取得/期限切れ, auth-pending 認証待ち, auth-expired 期限切れ, auth-verified 認証済 */
        issuanceStatus?:
          | 'unissued'
          | 'issuing'
          | 'reissuing'
          | 'issued'
          | 'pdf-issued'
          | 'notice-expired'
          | 'auth-pending'
          | 'auth-expired'
          | 'auth-verified';
        /** @description Ties are broken by the account code */
        sort?: 'code' | 'kana' | 'department' | 'lastLoginAt' | 'lockedAt';
        order?: 'asc' | 'desc';
        limit?: number;
        offset?: number | null;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the matching accounts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountList'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postAccounts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateAccountRequest'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Account'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The code is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getAccountImports: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['AccountImport'][];
          };
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postAccountImports: {
    parameters: {
      query?: {
        /** @description true: check every row and answer per row; nothing is written */
        dryRun?: 'true' | 'false';
        /** @description auto: UTF-8 with a BOM, or when the first non-ASCII bytes are mostly valid UTF-8; else Shift_JIS/CP932 (Excel in Japan). A byte invalid in the chosen encoding is a 400 INVALID_ENCODING naming the line. */
        encoding?: 'auto' | 'utf-8' | 'shift_jis' | 'cp932';
        /** @description Shown in the list of imports */
        fileName?: string;
      };
      header?: {
        /** @description Makes a retry safe: the same key with the same request within 24 h answers the first answer (`Idempotent-Replayed: true`) and starts nothing; with another request 422 IDEMPOTENCY_KEY_REUSED; while the first is under way 409 IDEMPOTENCY_KEY_IN_USE. Scoped to the calling account. */
        'idempotency-key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description The CSV: a header of column names (Japanese as in the seed, or English), one account per row. No password column: new accounts are 未発行 and get their password by issuance. */
    requestBody: {
      content: {
        'text/csv': string;
      };
    };
    responses: {
      /** @description Dry run: every row with its outcome; nothing was written */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            summary: {
              total: number;
              create: number;
              update: number;
              unchanged: number;
              error: number;
            };
            rows: components['schemas']['AccountImportRowResult'][];
          };
        };
      };
      /** @description Started; follow it at /api/account-imports/{importId} */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountImport'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description More rows or bytes than the limit (ACCOUNT_IMPORT_MAX_ROWS / _MAX_BYTES), found while reading */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The workflow service is unreachable; nothing was imported */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getAccountImportsColumns: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description createOnly: read only when the row creates the account */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountImportColumns'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getAccountImportsTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The header only */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Never */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getAccountImportsByImportId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        importId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every row is in exactly one bucket */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountImport'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such import in this company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getAccountImportsByImportIdResults: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        importId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One line per row of the file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such import in this company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getExportsAccounts: {
    parameters: {
      query?: {
        /** @description アカウントコード, matched from the start (前方一致) */
        code?: string;
        /** @description アカウント種別 */
        type?: 'own' | 'contractor' | 'customer';
        /** @description 委託先/顧客コード (CODE-BRANCH); with `type` only a partner of that kind matches */
        partnerCode?: string;
        /** @description 氏名, matched anywhere in 姓名 written together (spaces are ignored) */
        name?: string;
        /** @description 氏名カナ, matched anywhere in 姓名カナ; half-width katakana and hiragana are read as katakana */
        kana?: string;
        /** @description 所属部門コード */
        departmentCode?: string;
        /** @description 部門配下: also accounts of the departments below `departmentCode` (default false) */
        includeSubDepartments?: 'true' | 'false';
        /** @description 参加プロジェクトコード: members (PM, PL, member) of this project */
        projectCode?: string;
        /** @description ロックアウト状態である: only locked-out accounts (default false) */
        lockedOnly?: 'true' | 'false';
        /** @description 無効を含む (default false) */
        includeDisabled?: 'true' | 'false';
        /** @description ログイン不可を含む (default false) */
        includeLoginDisabled?: 'true' | 'false';
        /** @description パスワード/認証状態: unissued 未発行, issuing 発行中, reissuing 再発行中, issued 発行済, pdf-issued PDF発行済, notice-expired PDF未取得/期限切れ, auth-pending 認証待ち, auth-expired 期限切れ, auth-verified 認証済 */
        issuanceStatus?:
          | 'unissued'
          | 'issuing'
          | 'reissuing'
          | 'issued'
          | 'pdf-issued'
          | 'notice-expired'
          | 'auth-pending'
          | 'auth-expired'
          | 'auth-verified';
        /** @description Ties are broken by the account code */
        sort?: 'code' | 'kana' | 'department' | 'lastLoginAt' | 'lockedAt';
        order?: 'asc' | 'desc';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description UTF-8 with BOM, one account per line */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getAccountsByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Account'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such account */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  deleteAccountsByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such account */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description In use (the code and message say where) or the system administrator */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  patchAccountsByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['UpdateAccountRequest'];
      };
    };
    responses: {
      /** @description The changed account */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Account'];
        };
      };
      /** @description A field breaks a rule; WRONG_CURRENT_PASSWORD, MFA_CODE_REQUIRED, INVALID_MFA_CODE (step-up) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The policy: REISSUE_NOT_PERMITTED (field password), OWN_PASSWORD, STEP_UP_REQUIRED (own mfaEnabled, azureAdId, emails without currentPassword)… */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such account */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not allowed for the system administrator */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Too many wrong step-up passwords from this address */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postAccountsByCodeRanks: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RankRowInput'];
      };
    };
    responses: {
      /** @description The account with its history */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Account'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such account (or no row for that month) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The month has a row already, or the last rank of an own account */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  putAccountsByCodeRanksByMonth: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
        month: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          rankCode: string;
        };
      };
    };
    responses: {
      /** @description The account with its history */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Account'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such account (or no row for that month) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The month has a row already, or the last rank of an own account */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  deleteAccountsByCodeRanksByMonth: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
        month: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account with its history */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Account'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such account (or no row for that month) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The month has a row already, or the last rank of an own account */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  deleteAccountsByCodeLockout: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Unlocked (also when it was not locked) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountSecurityState'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description ACCOUNT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteAccountsByCodeLoginFailures: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Cleared */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountSecurityState'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description ACCOUNT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteAccountsByCodeMfa: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['StepUpRequest'];
      };
    };
    responses: {
      /** @description Reset to 未設定 */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountSecurityState'];
        };
      };
      /** @description WRONG_CURRENT_PASSWORD, MFA_CODE_REQUIRED, INVALID_MFA_CODE (step-up) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description STEP_UP_REQUIRED: one's own MFA, without currentPassword; the policy */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description ACCOUNT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description MFA_NOT_CONFIGURED: the status is not 設定済 */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many wrong step-up passwords from this address */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  putAccountsByCodeTransfer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AssignmentInput'];
      };
    };
    responses: {
      /** @description The accepted plan */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransferPlan'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such account */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The system administrator keeps its role */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The workflow service is unreachable; nothing changed */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  deleteAccountsByCodeTransfer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Cancelled */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such account, or nothing pending */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getAccountsByCodeAssignments: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description History */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AssignmentHistory'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such account */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  postAccountsByCodeEmailIssuances: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key with the same request within 24 h answers the first answer (`Idempotent-Replayed: true`) and starts nothing; with another request 422 IDEMPOTENCY_KEY_REUSED; while the first is under way 409 IDEMPOTENCY_KEY_IN_USE. Scoped to the calling account. */
        'idempotency-key'?: string;
      };
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['StartEmailIssuanceRequest'];
      };
    };
    responses: {
      /** @description Started; earlier open issuances of the account are superseded */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            sequence: number;
            /** @enum {string} */
            kind: 'initial' | 'reissue-verify' | 'reissue-direct';
            /** @enum {string} */
            channel: 'email' | 'pdf';
            emailSlot: number;
            emailAddress: string;
            /** @enum {string} */
            status: 'sending' | 'pending' | 'verified' | 'issued' | 'expired' | 'superseded' | 'failed';
            /** @description Find the run in the Temporal UI by this id */
            workflowId: string;
            /** @description Account code of the admin who started it */
            requestedBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            verificationSentAt: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: date-time */
            verifiedAt: string | null;
            /** Format: date-time */
            issuedAt: string | null;
            /** Format: date-time */
            endedAt: string | null;
            failureReason: string | null;
            /** @description 認証要求メールを送信しました。 in the admin’s language */
            message: string;
          };
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such account */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The company issues by PDF, or the account is disabled */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The chosen address slot is empty */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The workflow service is unreachable; nothing was sent */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getAccountsByCodeIssuances: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Issuance'][];
          };
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such account */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  postEmailIssuancesPreview: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkEmailIssuanceSelection'];
      };
    };
    responses: {
      /** @description Nothing is saved or sent */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkEmailIssuancePreview'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The company issues by PDF */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  postEmailIssuancesPreviewFile: {
    parameters: {
      query?: {
        /** @description メールアドレス1 (default), 2 or 3 */
        emailSlot?: '1' | '2' | '3';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Account codes, one per line (the first column; a header line such as アカウントコード is skipped), up to 200,000. An unknown or repeated code is a 400. */
    requestBody: {
      content: {
        'text/csv': string;
      };
    };
    responses: {
      /** @description Nothing is saved or sent */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkEmailIssuancePreview'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The company issues by PDF */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getEmailIssuancesBulk: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Up to 20 runs */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              runId: string;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              finishedAt: string | null;
              progress: components['schemas']['BulkRunProgress'];
            }[];
          };
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postEmailIssuancesBulk: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key with the same request within 24 h answers the first answer (`Idempotent-Replayed: true`) and starts nothing; with another request 422 IDEMPOTENCY_KEY_REUSED; while the first is under way 409 IDEMPOTENCY_KEY_IN_USE. Scoped to the calling account. */
        'idempotency-key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkEmailIssuanceSelection'];
      };
    };
    responses: {
      /** @description Started; follow it at /api/email-issuances/bulk/{runId} */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            lines: {
              code: string;
              name: string;
              emailSlot: number;
              address: string | null;
              /** @description The address, or 未設定 */
              addressLabel: string;
              included: boolean;
              /** @enum {string|null} */
              exclusionReason:
                | 'ACCOUNT_DISABLED'
                | 'EMAIL_NOT_SET'
                | 'ALREADY_ISSUED'
                | 'ADDRESS_CHANGE_NOT_PERMITTED'
                | 'REISSUE_NOT_PERMITTED'
                | 'NOT_PERMITTED'
                | null;
              /**
               * @description first-issuance or excluded
               * @enum {string}
               */
              action: 'first-issuance' | 'excluded';
              /** @description 新規発行 / 対象外 */
              actionLabel: string;
              /** @description Why the employee is left out (Japanese) */
              exclusionLabel: string | null;
              /** @description The account already has a password: left out (ALREADY_ISSUED, 再発行は個別に行ってください); reissue one person at a time */
              reissue: boolean;
              duplicateAddress: boolean;
            }[];
            included: number;
            excluded: number;
            duplicateAddresses: {
              address: string;
              /** @description For a filter or file: the first 10 */
              accountCodes: string[];
              /** @description For a filter or file: how many share it */
              count?: number;
            }[];
            estimate: {
              /** @description Estimated seconds until every verification mail is out */
              seconds: number;
              secondsPerMail: number;
              /** @description False while the default rate is used (no run measured yet) */
              measured: boolean;
            };
            /** @description For a filter or file: counts over every selected employee; `lines` holds the first 100 */
            selection?: {
              /** @description Every employee the filter or file selects */
              selected: number;
              excludedBy: {
                ACCOUNT_DISABLED?: number;
                EMAIL_NOT_SET?: number;
                ALREADY_ISSUED?: number;
                ADDRESS_CHANGE_NOT_PERMITTED?: number;
                REISSUE_NOT_PERMITTED?: number;
                NOT_PERMITTED?: number;
              };
              addressesPerSlot: {
                slot: number;
                count: number;
              }[];
              /** @description Included employees sharing an address with another */
              duplicateLines: number;
            };
            /** @description Messages for the admin in the admin's language (Accept-Language, else the account's locale) */
            messages: {
              code: string;
              message: string;
            }[];
            /** Format: uuid */
            runId: string;
            workflowId: string;
          };
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The company issues by PDF */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The workflow service is unreachable; nothing was sent */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  postEmailIssuancesBulkFile: {
    parameters: {
      query?: {
        /** @description メールアドレス1 (default), 2 or 3 */
        emailSlot?: '1' | '2' | '3';
      };
      header?: {
        /** @description Makes a retry safe: the same key with the same request within 24 h answers the first answer (`Idempotent-Replayed: true`) and starts nothing; with another request 422 IDEMPOTENCY_KEY_REUSED; while the first is under way 409 IDEMPOTENCY_KEY_IN_USE. Scoped to the calling account. */
        'idempotency-key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description Account codes, one per line (the first column; a header line such as アカウントコード is skipped), up to 200,000. An unknown or repeated code is a 400. */
    requestBody: {
      content: {
        'text/csv': string;
      };
    };
    responses: {
      /** @description Started; follow it at /api/email-issuances/bulk/{runId} */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            lines: {
              code: string;
              name: string;
              emailSlot: number;
              address: string | null;
              /** @description The address, or 未設定 */
              addressLabel: string;
              included: boolean;
              /** @enum {string|null} */
              exclusionReason:
                | 'ACCOUNT_DISABLED'
                | 'EMAIL_NOT_SET'
                | 'ALREADY_ISSUED'
                | 'ADDRESS_CHANGE_NOT_PERMITTED'
                | 'REISSUE_NOT_PERMITTED'
                | 'NOT_PERMITTED'
                | null;
              /**
               * @description first-issuance or excluded
               * @enum {string}
               */
              action: 'first-issuance' | 'excluded';
              /** @description 新規発行 / 対象外 */
              actionLabel: string;
              /** @description Why the employee is left out (Japanese) */
              exclusionLabel: string | null;
              /** @description The account already has a password: left out (ALREADY_ISSUED, 再発行は個別に行ってください); reissue one person at a time */
              reissue: boolean;
              duplicateAddress: boolean;
            }[];
            included: number;
            excluded: number;
            duplicateAddresses: {
              address: string;
              /** @description For a filter or file: the first 10 */
              accountCodes: string[];
              /** @description For a filter or file: how many share it */
              count?: number;
            }[];
            estimate: {
              /** @description Estimated seconds until every verification mail is out */
              seconds: number;
              secondsPerMail: number;
              /** @description False while the default rate is used (no run measured yet) */
              measured: boolean;
            };
            /** @description For a filter or file: counts over every selected employee; `lines` holds the first 100 */
            selection?: {
              /** @description Every employee the filter or file selects */
              selected: number;
              excludedBy: {
                ACCOUNT_DISABLED?: number;
                EMAIL_NOT_SET?: number;
                ALREADY_ISSUED?: number;
                ADDRESS_CHANGE_NOT_PERMITTED?: number;
                REISSUE_NOT_PERMITTED?: number;
                NOT_PERMITTED?: number;
              };
              addressesPerSlot: {
                slot: number;
                count: number;
              }[];
              /** @description Included employees sharing an address with another */
              duplicateLines: number;
            };
            /** @description Messages for the admin in the admin's language (Accept-Language, else the account's locale) */
            messages: {
              code: string;
              message: string;
            }[];
            /** Format: uuid */
            runId: string;
            workflowId: string;
          };
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The company issues by PDF */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The workflow service is unreachable; nothing was sent */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getEmailIssuancesBulkByRunId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        runId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every item is in exactly one bucket; the buckets add up to total */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            runId: string;
            workflowId: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            secondsPerMail: number | null;
            progress: components['schemas']['BulkRunProgress'];
          };
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such run in this company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getEmailIssuancesBulkByRunIdResults: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        runId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One line per selected employee, in the order of the selection */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such run in this company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getEmailIssuancesBulkByRunIdItems: {
    parameters: {
      query?: {
        offset?: number | null;
        limit?: number;
      };
      header?: never;
      path: {
        runId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the employees of the run */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkRunItems'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such run in this company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  postAccountsByCodeCredentialMails: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key with the same request within 24 h answers the first answer (`Idempotent-Replayed: true`) and starts nothing; with another request 422 IDEMPOTENCY_KEY_REUSED; while the first is under way 409 IDEMPOTENCY_KEY_IN_USE. Scoped to the calling account. */
        'idempotency-key'?: string;
      };
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['CredentialMailRequest'];
      };
    };
    responses: {
      /** @description Started; warns when the address was never verified (認証済みアドレスを推奨) */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CredentialMail'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such account */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No password issued yet, the company issues by PDF, or the account is disabled */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The chosen address slot is empty */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The workflow service is unreachable; nothing was sent */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  postAccountsByCodePdfIssuances: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key with the same request within 24 h answers the first answer (`Idempotent-Replayed: true`) and starts nothing; with another request 422 IDEMPOTENCY_KEY_REUSED; while the first is under way 409 IDEMPOTENCY_KEY_IN_USE. Scoped to the calling account. */
        'idempotency-key'?: string;
      };
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Issued (or being rendered); the old password stopped working */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PdfIssuance'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description A reissue needs issuance:reissue */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such account */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The account is disabled */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The workflow service is unreachable; nothing was issued */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getPasswordNoticesByToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        token: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The PDF (Cache-Control: no-store). A HEAD answers the same status and headers and keeps the link */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/pdf': string;
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No notice has this link */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Still being rendered */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Already downloaded, expired, or replaced by a later issuance */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  postPdfIssuancesPreview: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StartBulkPdfIssuanceRequest'];
      };
    };
    responses: {
      /** @description What the run would do; nothing changed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkPdfPreview'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postPdfIssuances: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key with the same request within 24 h answers the first answer (`Idempotent-Replayed: true`) and starts nothing; with another request 422 IDEMPOTENCY_KEY_REUSED; while the first is under way 409 IDEMPOTENCY_KEY_IN_USE. Scoped to the calling account. */
        'idempotency-key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StartBulkPdfIssuanceRequest'];
      };
    };
    responses: {
      /** @description Started; poll GET /api/pdf-issuances/{id} until ready */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkPdfIssuance'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Every selected employee is excluded (NOTHING_TO_ISSUE) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The workflow service is unreachable; nothing was issued */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getPdfIssuancesByIdResults: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One line per employee of the PDF, in page order */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such bulk PDF issuance in this company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getPdfIssuancesById: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Progress */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkPdfIssuance'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such run */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Current settings */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CompanySettings'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  patchSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['UpdateCompanySettingsRequest'];
      };
    };
    responses: {
      /** @description Changed settings */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CompanySettings'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getSettingsFeatures: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Current switches */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CompanyFeatures'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getScimTokens: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Oldest first, revoked ones too */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            tenantUrl: string;
            items: components['schemas']['ScimToken'][];
          };
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postScimTokens: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateScimTokenRequest'];
      };
    };
    responses: {
      /** @description Made; paste tenantUrl and token into Entra ID or Okta */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
            roleCode: string;
            /** @description アカウントコード of the administrator who made it */
            createdBy: string;
            createdAt: string;
            lastUsedAt: string | null;
            revokedAt: string | null;
            /** @description The secret, shown this once: paste it into the identity provider */
            token: string;
            tenantUrl: string;
          };
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description ROLE_ABOVE_OWN or SCIM_TOKEN_NOT_SYSTEM_ADMINISTRATOR (field roleCode) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  deleteScimTokensById: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScimToken'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such token */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getScimProvisioning: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The defaults */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScimProvisioningDefaults'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  patchScimProvisioning: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['UpdateScimProvisioningDefaultsRequest'];
      };
    };
    responses: {
      /** @description The defaults */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScimProvisioningDefaults'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getDepartments: {
    parameters: {
      query?: {
        /** @description YYYY-MM-DD: the chart as of that day */
        asOf?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ordered as the tree is drawn */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Department'][];
          };
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postDepartments: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDepartmentRequest'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Department'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The code is already used */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getDepartmentsByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The department */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Department'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such department */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  deleteDepartmentsByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such department */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Refused; the code says why: DEPARTMENT_IS_ROOT, DEPARTMENT_HAS_CHILDREN, DEPARTMENT_USED_BY_ACCOUNTS, DEPARTMENT_USED_BY_TRANSFERS, DEPARTMENT_USED_BY_HISTORY */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  patchDepartmentsByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['UpdateDepartmentRequest'];
      };
    };
    responses: {
      /** @description Changed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Department'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such department */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The move would put the unit under itself (CYCLE), or the root would move */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getReorganisations: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Reorganisations */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Reorganisation'][];
          };
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postReorganisations: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterReorganisationRequest'];
      };
    };
    responses: {
      /** @description Registered (applied at once when dated today) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Reorganisation'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description A moved account is one the caller may not change */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A code is taken, a move closes a cycle, a closed department is still used, a moved account has a transfer */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The workflow service is unreachable; nothing changed */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getReorganisationsById: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The reorganisation */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Reorganisation'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description None */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  deleteReorganisationsById: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Cancelled */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Reorganisation'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description None */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Already applied or cancelled, or a new department is already used */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  putReorganisationsByIdMoves: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReorganisationMovesRequest'];
      };
    };
    responses: {
      /** @description Changed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Reorganisation'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description A moved account is one the caller may not change */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description None */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not pending, a moved account has a transfer, or a closed department is still used */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The workflow service is unreachable; the reorganisation was withdrawn */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getReportingDepartments: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ordered as the tree is drawn */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ReportingDepartment'][];
          };
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postReportingDepartments: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateReportingDepartmentRequest'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReportingDepartment'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The code is already used */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getReportingDepartmentsByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The reporting department */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReportingDepartment'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such reporting department */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  deleteReportingDepartmentsByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such reporting department */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Refused; the code says why: REPORTING_DEPARTMENT_IS_ROOT, REPORTING_DEPARTMENT_HAS_CHILDREN, REPORTING_DEPARTMENT_USED_BY_ACCOUNTS, REPORTING_DEPARTMENT_USED_BY_TRANSFERS, REPORTING_DEPARTMENT_USED_BY_HISTORY */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  patchReportingDepartmentsByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['UpdateReportingDepartmentRequest'];
      };
    };
    responses: {
      /** @description Changed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReportingDepartment'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such reporting department */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The move would put the unit under itself (CYCLE), or the root would move */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getRoles: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description By code */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Role'][];
          };
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postRoles: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateRoleRequest'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Role'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The code is used */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getRolesByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The role */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Role'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such role */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  deleteRolesByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such role */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Refused; the code says why: ROLE_IS_BUILT_IN, ROLE_USED_BY_ACCOUNTS, ROLE_USED_BY_TRANSFERS, ROLE_USED_BY_HISTORY */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  patchRolesByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['UpdateRoleRequest'];
      };
    };
    responses: {
      /** @description Changed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Role'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such role */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The system administrator role keeps every permission */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getRanks: {
    parameters: {
      query?: {
        /** @description Only active (true) or only inactive (false) ranks */
        active?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description By sort order, then code */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Rank'][];
          };
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postRanks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateRankRequest'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Rank'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The code is used */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getRanksByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rank */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Rank'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such rank */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  deleteRanksByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such rank */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RANK_IN_USE: an account has had this rank; deactivate it instead */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  patchRanksByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['UpdateRankRequest'];
      };
    };
    responses: {
      /** @description Changed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Rank'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such rank */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getPartners: {
    parameters: {
      query?: {
        /** @description 委託先 (contractor) or 顧客 (customer) */
        kind?: 'contractor' | 'customer';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description By kind, then code */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Partner'][];
          };
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postPartners: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreatePartnerRequest'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Partner'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The code is used for this kind */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getPartnersByKindByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description 委託先 (contractor) or 顧客 (customer) */
        kind: 'contractor' | 'customer';
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The partner */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Partner'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such partner */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  deletePartnersByKindByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description 委託先 (contractor) or 顧客 (customer) */
        kind: 'contractor' | 'customer';
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such partner */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description PARTNER_IN_USE: accounts belong to it */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  patchPartnersByKindByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description 委託先 (contractor) or 顧客 (customer) */
        kind: 'contractor' | 'customer';
        code: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdatePartnerRequest'];
      };
    };
    responses: {
      /** @description Changed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Partner'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such partner */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getProjects: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description By code */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Project'][];
          };
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postProjects: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateProjectRequest'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Project'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The code is used (PROJECT_CODE_TAKEN), or more than one PM (PROJECT_HAS_PM) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getProjectsByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The project */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Project'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such project */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  deleteProjectsByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such project */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  patchProjectsByCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['UpdateProjectRequest'];
      };
    };
    responses: {
      /** @description Changed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Project'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such project */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description More than one PM (PROJECT_HAS_PM) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  postProjectsByCodeMembers: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddProjectMemberRequest'];
      };
    };
    responses: {
      /** @description Added; the whole project */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Project'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such project */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Already a member (ALREADY_MEMBER), or the project has a PM (PROJECT_HAS_PM) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  deleteProjectsByCodeMembersByAccountCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
        accountCode: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such project or member */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  patchProjectsByCodeMembersByAccountCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
        accountCode: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangeProjectMemberRequest'];
      };
    };
    responses: {
      /** @description Changed; the whole project */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Project'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such project or member */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The project has another PM (PROJECT_HAS_PM) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getAccountsByCodeVisibleDepartments: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Parents before children */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VisibleDepartments'];
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such account */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getAuthVisibleDepartments: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description From the control department recorded at login: a change reaches the account at its next login. A token from before control departments were recorded uses the current one. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VisibleDepartments'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getAuditEvents: {
    parameters: {
      query?: {
        /** @description Events that changed this account or that it made */
        accountId?: string;
        /** @description The same by account code */
        account?: string;
        /** @description The actor's code */
        actor?: string;
        action?: string;
        targetType?: string;
        /** @description From this time (inclusive) */
        from?: string;
        /** @description Until this time (exclusive) */
        to?: string;
        /** @description The nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of events; with Accept: text/csv, every matching event as a formula-safe CSV */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['AuditEvent'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description Invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  postAuditEventsVerify: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ok, or the first row whose content, link or number does not hold */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditChainVerification'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getAuditActions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The codes in the order docs/audit.md lists them */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditActions'];
        };
      };
      /** @description Missing, unknown or expired token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The role lacks the permission */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getHealthz: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Alive */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  getReadyz: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ready */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
      /** @description A dependency does not answer (with Retry-After) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Metrics */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
    };
  };
}
