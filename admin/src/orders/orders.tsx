import { Box, Card, CardContent, Chip, Grid, Typography } from '@mui/material';
import {
  ArrayField,
  AutocompleteInput,
  Datagrid,
  DateField,
  FunctionField,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  TextField,
  useRecordContext,
  WithRecord,
} from 'react-admin';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../types';
import { OrderActions } from './OrderActions';

const STATUS_COLORS: Record<OrderStatus, 'default' | 'warning' | 'info' | 'primary' | 'success' | 'error'> = {
  pending: 'warning',
  paid: 'info',
  shipped: 'primary',
  delivered: 'success',
  cancelled: 'default',
};

export const StatusChip = () => {
  const order = useRecordContext<Order>();
  if (!order) return null;
  return <Chip size="small" label={order.status} color={STATUS_COLORS[order.status]} data-testid="order-status" />;
};

const orderFilters = [
  <SelectInput key="status" source="status" choices={ORDER_STATUSES.map((status) => ({ id: status, name: status }))} alwaysOn emptyText="Any status" />,
  <ReferenceInput key="user" source="user" reference="accounts" alwaysOn>
    <AutocompleteInput label="Customer" optionText="username" filterToQuery={(search) => ({ q: search })} sx={{ minWidth: 240 }} />
  </ReferenceInput>,
];

/** Newest first (the API's order); by status and by customer. */
export const OrderList = () => (
  <List exporter={false} filters={orderFilters} perPage={25} sort={{ field: 'created_at', order: 'DESC' }}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="id" label="Order" sortable={false} />
      <DateField source="created_at" label="Placed" showTime sortable={false} />
      <StatusChip />
      <ReferenceField source="user" reference="accounts" label="Customer" sortable={false} emptyText="(deleted account)" />
      <NumberField source="total_quantity" label="Items" sortable={false} />
      <TextField source="total_price" label="Total" textAlign="right" sortable={false} />
    </Datagrid>
  </List>
);

const Address = () => (
  <WithRecord<Order>
    render={({ shipping_address: address }) => (
      <Typography component="address" sx={{ fontStyle: 'normal', whiteSpace: 'pre-line' }} data-testid="order-address">
        {[address.full_name, address.line1, address.line2, `${address.postal_code} ${address.city}`, address.country, address.phone]
          .filter((line) => line && line.trim())
          .join('\n')}
      </Typography>
    )}
  />
);

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box sx={{ mb: 3 }}>
    <Typography variant="overline" color="text.secondary" component="h3" sx={{ display: 'block', m: 0 }}>
      {title}
    </Typography>
    {children}
  </Box>
);

const OrderTitle = () => {
  const order = useRecordContext<Order>();
  return <>{order ? `Order #${order.id}` : 'Order'}</>;
};

export const OrderShow = () => (
  <Show title={<OrderTitle />}>
    <Card variant="outlined" sx={{ border: 0 }}>
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 3, flexWrap: 'wrap' }}>
          <Typography variant="h5">
            <OrderTitle />
          </Typography>
          <StatusChip />
          <Box sx={{ flexGrow: 1 }} />
          <OrderActions />
        </Box>
        <Grid container spacing={4}>
          <Grid size={{ xs: 12, md: 8 }}>
            <Section title="Lines">
              <ArrayField source="items">
                <Datagrid bulkActionButtons={false} rowClick={false}>
                  <TextField source="name" label="Product" />
                  <ReferenceField source="product_id" reference="products" label="Product ID" link="edit" emptyText="(deleted)">
                    <TextField source="id" />
                  </ReferenceField>
                  <TextField source="unit_price" label="Unit price" textAlign="right" />
                  <NumberField source="quantity" />
                  <TextField source="total_price" label="Line total" textAlign="right" />
                </Datagrid>
              </ArrayField>
            </Section>
            <Section title="Totals">
              <FunctionField<Order>
                render={(order) => (
                  <Typography data-testid="order-totals">
                    {order.total_quantity} items · <strong>{order.total_price}</strong>
                  </Typography>
                )}
              />
            </Section>
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <Section title="Ship to">
              <Address />
            </Section>
            <Section title="Customer">
              <ReferenceField source="user" reference="accounts" link="show" emptyText="(deleted account)" />
            </Section>
            <Section title="Placed">
              <DateField source="created_at" showTime />
            </Section>
            <Section title="Last change">
              <DateField source="updated_at" showTime />
            </Section>
          </Grid>
        </Grid>
      </CardContent>
    </Card>
  </Show>
);
