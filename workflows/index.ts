export { accountTransfer } from './account-transfer';
export { emailIssuance } from './email-issuance';
export { pdfIssuance } from './pdf-issuance';
export { bulkEmailIssuance } from './bulk-email-issuance';
export { bulkPdfIssuance } from './bulk-pdf-issuance';
export { bulkRunReconciliation, housekeeping, verificationLinkExpiry } from './housekeeping';
export { reorganisation } from './reorganisation';
export { accountImport } from './account-import';
