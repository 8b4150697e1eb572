import { Box, Card, CardActionArea, CardContent, Grid, Skeleton, Typography } from '@mui/material';
import { Datagrid, ListContextProvider, ResourceContextProvider, TextField, Title, useCreatePath, useGetList, useList, type Identifier } from 'react-admin';
import { Link } from 'react-router-dom';
import { StockQuickEdit } from '../products/StockQuickEdit';
import { ORDER_STATUSES, type Product } from '../types';

const LOW_STOCK_ROWS = 10;

/** One count from the public API: a one-row page of the filtered list gives its `count`. */
const CountCard = ({ label, resource, filter, testId }: { label: string; resource: string; filter?: Record<string, unknown>; testId: string }) => {
  const { total, isPending, error } = useGetList(resource, { pagination: { page: 1, perPage: 1 }, filter });
  const createPath = useCreatePath();
  const to = `${createPath({ resource, type: 'list' })}${filter ? `?filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`;
  return (
    <Card variant="outlined">
      <CardActionArea component={Link} to={to}>
        <CardContent>
          <Typography variant="body2" color="text.secondary">
            {label}
          </Typography>
          <Typography variant="h4" data-testid={testId}>
            {isPending ? <Skeleton width={80} /> : error ? '—' : (total ?? 0).toLocaleString('en')}
          </Typography>
          {error ? (
            <Typography variant="caption" color="error">
              {error.message}
            </Typography>
          ) : null}
        </CardContent>
      </CardActionArea>
    </Card>
  );
};

/** The in-stock products with the least stock, with the stock editable in place. */
const LowStock = () => {
  const { data, isPending, error } = useGetList<Product>('products', {
    pagination: { page: 1, perPage: LOW_STOCK_ROWS },
    sort: { field: 'stock', order: 'ASC' },
    filter: { in_stock: true },
  });
  const list = useList({ data, isPending, error, perPage: LOW_STOCK_ROWS, resource: 'products' });
  const createPath = useCreatePath();
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          Low stock
        </Typography>
        <ResourceContextProvider value="products">
        <ListContextProvider value={list}>
          <Datagrid
            bulkActionButtons={false}
            rowClick={(id: Identifier) => createPath({ resource: 'products', type: 'edit', id })}
            data-testid="low-stock"
            empty={<Typography color="text.secondary">Every product is out of stock or there are none yet.</Typography>}
          >
            <TextField source="name" sortable={false} />
            <TextField source="price" textAlign="right" sortable={false} />
            <StockQuickEdit source="stock" />
          </Datagrid>
        </ListContextProvider>
        </ResourceContextProvider>
      </CardContent>
    </Card>
  );
};

/** Counts and low stock, each through the same public endpoints as any client. */
export const Dashboard = () => (
  <Box sx={{ mt: 2 }}>
    <Title title="Dashboard" />
    <Grid container spacing={2} sx={{ mb: 2 }}>
      <Grid size={{ xs: 6, md: 3 }}>
        <CountCard label="Products" resource="products" testId="count-products" />
      </Grid>
      <Grid size={{ xs: 6, md: 3 }}>
        <CountCard label="Out of stock" resource="products" filter={{ in_stock: false }} testId="count-out-of-stock" />
      </Grid>
    </Grid>
    <Typography variant="overline" color="text.secondary">
      Orders
    </Typography>
    <Grid container spacing={2} sx={{ mb: 2 }}>
      {ORDER_STATUSES.map((status) => (
        <Grid key={status} size={{ xs: 6, md: 2.4 }}>
          <CountCard label={status[0].toUpperCase() + status.slice(1)} resource="orders" filter={{ status }} testId={`count-orders-${status}`} />
        </Grid>
      ))}
    </Grid>
    <LowStock />
  </Box>
);
