import { type RouteObject } from 'react-router';
import { Home, Layout } from './components/Layout';
import { AccountForm } from './screens/AccountForm';
import { AccountList } from './screens/AccountList';
import { AuditLog } from './screens/AuditLog';
import { BulkEmailIssuance } from './screens/BulkEmailIssuance';
import { CsvImport } from './screens/CsvImport';
import { LoginScreen } from './screens/LoginScreen';
import { PdfIssuance } from './screens/PdfIssuance';
import { ReferenceData } from './screens/ReferenceData';
import { Settings } from './screens/Settings';
import { SingleEmailIssuance } from './screens/SingleEmailIssuance';

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginScreen /> },
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      { path: 'accounts', element: <AccountList /> },
      { path: 'accounts/new', element: <AccountForm /> },
      { path: 'accounts/:code', element: <AccountForm /> },
      { path: 'accounts/:code/email-issuance', element: <SingleEmailIssuance /> },
      { path: 'email-issuance', element: <BulkEmailIssuance /> },
      { path: 'pdf-issuance', element: <PdfIssuance /> },
      { path: 'import', element: <CsvImport /> },
      { path: 'settings', element: <Settings /> },
      { path: 'reference', element: <ReferenceData /> },
      { path: 'audit', element: <AuditLog /> },
      { path: '*', element: <Home /> },
    ],
  },
];
