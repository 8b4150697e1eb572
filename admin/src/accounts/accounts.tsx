import ReceiptIcon from '@mui/icons-material/ReceiptLong';
import { Box } from '@mui/material';
import {
  BooleanField,
  Button,
  Datagrid,
  DateField,
  EmailField,
  FunctionField,
  Labeled,
  List,
  NullableBooleanInput,
  SearchInput,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useCreatePath,
  useRecordContext,
} from 'react-admin';
import { Link } from 'react-router-dom';
import type { Account } from '../types';
import { AccountActions } from './AccountActions';

const fullName = (account: Account) => [account.first_name, account.last_name].filter(Boolean).join(' ');

const accountFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Username or email" />,
  <NullableBooleanInput key="is_active" source="is_active" label="Active" alwaysOn />,
  <NullableBooleanInput key="is_staff" source="is_staff" label="Staff" alwaysOn />,
];

export const AccountList = () => (
  <List exporter={false} filters={accountFilters} sort={{ field: 'id', order: 'DESC' }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="id" label="ID" />
      <TextField source="username" />
      <EmailField source="email" sortable={false} />
      <FunctionField<Account> label="Name" render={fullName} />
      <BooleanField source="is_active" label="Active" sortable={false} />
      <BooleanField source="is_staff" label="Staff" sortable={false} />
      <BooleanField source="is_superuser" label="Superuser" sortable={false} />
      <DateField source="date_joined" label="Joined" />
      <DateField source="last_login" label="Last login" showTime emptyText="never" />
    </Datagrid>
  </List>
);

const OrdersOfAccount = () => {
  const account = useRecordContext<Account>();
  const createPath = useCreatePath();
  if (!account) return null;
  const to = `${createPath({ resource: 'orders', type: 'list' })}?filter=${encodeURIComponent(JSON.stringify({ user: account.id }))}`;
  return <Button component={Link} to={to} label="Orders" startIcon={<ReceiptIcon />} />;
};

const AccountTitle = () => {
  const account = useRecordContext<Account>();
  return <>{account ? `Account ${account.username}` : 'Account'}</>;
};

export const AccountShow = () => (
  <Show
    title={<AccountTitle />}
    actions={
      <TopToolbar>
        <OrdersOfAccount />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="username" />
      <EmailField source="email" emptyText="—" />
      <FunctionField<Account> label="Name" render={(account) => fullName(account) || '—'} />
      <Box sx={{ display: 'flex', gap: 4 }}>
        <Labeled label="Active">
          <BooleanField source="is_active" />
        </Labeled>
        <Labeled label="Staff">
          <BooleanField source="is_staff" />
        </Labeled>
        <Labeled label="Superuser">
          <BooleanField source="is_superuser" />
        </Labeled>
      </Box>
      <DateField source="date_joined" label="Joined" showTime />
      <DateField source="last_login" label="Last login" showTime emptyText="never" />
      <Labeled label="Actions">
        <AccountActions />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);

