export { accountTransfer } from './account-transfer';
export { emailIssuance } from './email-issuance';
