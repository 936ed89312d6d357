export { emailIssuance } from './email-issuance';
