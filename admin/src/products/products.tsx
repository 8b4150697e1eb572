import { Card, CardContent } from '@mui/material';
import {
  AutocompleteInput,
  BulkDeleteWithConfirmButton,
  Create,
  Datagrid,
  Edit,
  FilterList,
  FilterListItem,
  List,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SimpleForm,
  TextField,
  TextInput,
} from 'react-admin';
import { StockQuickEdit } from './StockQuickEdit';

/** Categories are looked up by name (`?search=`), one page at a time: never the whole table. */
const CategoryPicker = ({ alwaysOn: _alwaysOn, ...props }: { source: string; alwaysOn?: boolean; label?: string }) => (
  <ReferenceInput reference="categories" {...props}>
    <AutocompleteInput optionText="name" filterToQuery={(search) => ({ q: search })} label={props.label ?? 'Category'} />
  </ReferenceInput>
);

const productFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Search by name" />,
  <CategoryPicker key="category" source="category" alwaysOn />,
  <TextInput key="min_price" source="min_price" label="Min price" alwaysOn sx={{ width: 120 }} />,
  <TextInput key="max_price" source="max_price" label="Max price" alwaysOn sx={{ width: 120 }} />,
];

/** The stock toggle: click again to remove it. */
const StockFilter = () => (
  <Card sx={{ order: -1, mr: 2, mt: 8, width: 160, flexShrink: 0, display: { xs: 'none', md: 'block' } }}>
    <CardContent>
      <FilterList label="Stock" icon={null}>
        <FilterListItem label="In stock" value={{ in_stock: true }} />
        <FilterListItem label="Out of stock" value={{ in_stock: false }} />
      </FilterList>
    </CardContent>
  </Card>
);

const BulkActions = () => <BulkDeleteWithConfirmButton mutationMode="pessimistic" />;

/**
 * Cursor mode: a page costs the same at product 20 and at product 999,980, because the
 * server does a keyset scan instead of an OFFSET (see the data provider). No CSV export:
 * react-admin's exporter reads up to 1,000 rows at once.
 */
export const ProductList = () => (
  <List
    exporter={false}
    filters={productFilters}
    aside={<StockFilter />}
    sort={{ field: 'id', order: 'DESC' }}
    perPage={25}
    queryOptions={{ meta: { cursor: true } }}
  >
    <Datagrid rowClick="edit" bulkActionButtons={<BulkActions />}>
      <TextField source="id" label="ID" />
      <TextField source="name" />
      <TextField source="price" textAlign="right" />
      <StockQuickEdit source="stock" />
      <ReferenceField source="category" reference="categories" sortable={false} link={false}>
        <TextField source="name" />
      </ReferenceField>
    </Datagrid>
  </List>
);

/**
 * No client-side rules: the server's are the ones that count, and its DRF messages
 * ("Ensure that there are no more than 2 decimal places.") show under each field.
 */
const ProductForm = () => (
  <SimpleForm>
    <TextInput source="name" fullWidth />
    <TextInput source="price" helperText="e.g. 699.00 — at most 2 decimal places" />
    <NumberInput source="stock" min={0} step={1} />
    <CategoryPicker source="category" />
  </SimpleForm>
);

export const ProductCreate = () => (
  <Create redirect="list">
    <ProductForm />
  </Create>
);

/** Pessimistic: the 400 comes back before the page moves on, and Delete asks for confirmation. */
export const ProductEdit = () => (
  <Edit mutationMode="pessimistic">
    <ProductForm />
  </Edit>
);
