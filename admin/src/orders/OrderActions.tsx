import { Button as MuiButton, Stack } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { Confirm, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { useState } from 'react';
import type { OrderAction, StoredealDataProvider } from '../api/data-provider';
import type { Order, OrderStatus } from '../types';

/** The moves API.md allows from each status: one step forward, or cancel while pending or paid. */
const MOVES: Record<OrderStatus, OrderAction[]> = {
  pending: ['paid', 'cancel'],
  paid: ['shipped', 'cancel'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};
const LABELS: Record<OrderAction, string> = { paid: 'Mark paid', shipped: 'Mark shipped', delivered: 'Mark delivered', cancel: 'Cancel order' };

/**
 * The status buttons of an order. The page may be stale (another member of staff moved the
 * order meanwhile): the server then answers 409 "An order that is shipped cannot be
 * cancelled.", which is shown, and the order is reloaded.
 */
export const OrderActions = () => {
  const order = useRecordContext<Order>();
  const dataProvider = useDataProvider<StoredealDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const { mutate, isPending } = useMutation({
    mutationFn: (action: OrderAction) => dataProvider.moveOrder(order!.id, action),
    onSuccess: ({ data }) => notify(`Order #${data.id} is now ${data.status}.`, { type: 'success' }),
    onError: (error: Error) => notify(error.message, { type: 'error' }),
    onSettled: () => refresh(),
  });
  if (!order) return null;

  const moves = MOVES[order.status] ?? [];
  if (moves.length === 0) return null;
  return (
    <Stack direction="row" spacing={1}>
      {moves.map((action) => (
        <MuiButton
          key={action}
          variant={action === 'cancel' ? 'outlined' : 'contained'}
          color={action === 'cancel' ? 'error' : 'primary'}
          disabled={isPending}
          onClick={() => (action === 'cancel' ? setConfirmCancel(true) : mutate(action))}
        >
          {LABELS[action]}
        </MuiButton>
      ))}
      <Confirm
        isOpen={confirmCancel}
        title={`Cancel order #${order.id}?`}
        content="The ordered quantities go back into stock."
        confirm="Cancel order"
        cancel="Keep it"
        onConfirm={() => {
          setConfirmCancel(false);
          mutate('cancel');
        }}
        onClose={() => setConfirmCancel(false)}
      />
    </Stack>
  );
};
