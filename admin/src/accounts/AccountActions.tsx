import { Button as MuiButton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Confirm, useGetIdentity, useNotify, useRecordContext, useUpdate } from 'react-admin';
import type { Account } from '../types';

type Change = { is_active: boolean } | { is_staff: boolean };

const describe = (account: Account, change: Change) =>
  'is_active' in change
    ? change.is_active
      ? { label: 'Reactivate', title: `Reactivate ${account.username}?`, content: `${account.username} can log in again.` }
      : {
          label: 'Deactivate',
          title: `Deactivate ${account.username}?`,
          content: `${account.username} is logged out at once: their tokens stop working and they cannot log in until reactivated.`,
        }
    : change.is_staff
      ? { label: 'Grant staff', title: `Make ${account.username} staff?`, content: `${account.username} will manage the catalogue, orders and accounts.` }
      : { label: 'Revoke staff', title: `Revoke staff from ${account.username}?`, content: `${account.username} loses access to this console.` };

/**
 * Deactivate/reactivate and grant/revoke staff (PATCH /accounts/{id}/). The server refuses
 * changes to your own account with 409, shown as a notification; the buttons are not offered there.
 */
export const AccountActions = () => {
  const account = useRecordContext<Account>();
  const { identity } = useGetIdentity();
  const [pending, setPending] = useState<Change | null>(null);
  const [update, { isPending }] = useUpdate<Account>();
  const notify = useNotify();
  if (!account) return null;
  if (identity && identity.id === account.id) {
    return (
      <Typography variant="body2" color="text.secondary">
        This is your own account: it cannot be deactivated or lose staff access from here.
      </Typography>
    );
  }

  const changes: Change[] = [{ is_active: !account.is_active }, { is_staff: !account.is_staff }];
  const apply = (change: Change) =>
    update(
      'accounts',
      { id: account.id, data: change, previousData: account },
      {
        mutationMode: 'pessimistic',
        onSuccess: (saved) =>
          notify(`${saved.username} is now ${saved.is_active ? 'active' : 'deactivated'}${saved.is_staff ? ', staff' : ''}.`, { type: 'success' }),
        onError: (error) => notify(error instanceof Error ? error.message : String(error), { type: 'error' }),
      },
    );

  return (
    <Stack direction="row" spacing={1}>
      {changes.map((change) => {
        const { label } = describe(account, change);
        const destructive = ('is_active' in change && !change.is_active) || ('is_staff' in change && !change.is_staff);
        return (
          <MuiButton key={label} variant="outlined" color={destructive ? 'error' : 'primary'} disabled={isPending} onClick={() => setPending(change)}>
            {label}
          </MuiButton>
        );
      })}
      {pending && (
        <Confirm
          isOpen
          title={describe(account, pending).title}
          content={describe(account, pending).content}
          confirm={describe(account, pending).label}
          onConfirm={() => {
            apply(pending);
            setPending(null);
          }}
          onClose={() => setPending(null)}
        />
      )}
    </Stack>
  );
};
