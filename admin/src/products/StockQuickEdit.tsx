import EditIcon from '@mui/icons-material/Edit';
import { Box, IconButton, TextField as MuiTextField, Tooltip } from '@mui/material';
import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import { HttpError, useNotify, useRecordContext, useUpdate } from 'react-admin';
import type { Product } from '../types';

/**
 * The stock figure, editable in place: Enter saves (PATCH {"stock": n}), Escape cancels.
 * `source` names the column for the list's header and sorting.
 */
export const StockQuickEdit = (_props: { source: string; label?: string }) => {
  const product = useRecordContext<Product>();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [update, { isPending }] = useUpdate<Product>();
  const notify = useNotify();
  if (!product) return null;

  // Clicks here must not open the row's edit page.
  const stop = (event: MouseEvent) => event.stopPropagation();
  const close = () => {
    setDraft(null);
    setError(null);
  };
  const save = () =>
    update(
      'products',
      { id: product.id, data: { stock: draft === '' ? null : Number(draft) } as never, previousData: product },
      {
        mutationMode: 'pessimistic',
        onSuccess: (saved) => {
          close();
          notify(`Stock of "${saved.name}" is now ${saved.stock}.`, { type: 'success' });
        },
        onError: (failure) => {
          const fieldError = failure instanceof HttpError ? (failure.body?.errors?.stock as string | undefined) : undefined;
          setError(fieldError ?? (failure instanceof Error ? failure.message : String(failure)));
        },
      },
    );
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') save();
    if (event.key === 'Escape') close();
  };

  if (draft === null) {
    return (
      <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }} onClick={stop}>
        <span data-testid={`stock-${product.id}`}>{product.stock}</span>
        <Tooltip title="Edit stock">
          <IconButton size="small" aria-label={`Edit stock of ${product.name}`} onClick={() => setDraft(String(product.stock))}>
            <EditIcon fontSize="inherit" />
          </IconButton>
        </Tooltip>
      </Box>
    );
  }
  return (
    <Box component="span" onClick={stop}>
      <MuiTextField
        autoFocus
        size="small"
        type="number"
        value={draft}
        disabled={isPending}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => !isPending && !error && close()}
        error={error !== null}
        helperText={error ?? 'Enter to save, Esc to cancel'}
        slotProps={{ htmlInput: { 'aria-label': `Stock of ${product.name}`, min: 0 } }}
        sx={{ width: 170 }}
      />
    </Box>
  );
};
