import ListIcon from '@mui/icons-material/List';
import {
  BulkDeleteWithConfirmButton,
  Button,
  Create,
  Datagrid,
  DeleteWithConfirmButton,
  Edit,
  EditButton,
  List,
  SearchInput,
  SimpleForm,
  TextField,
  TextInput,
  useRecordContext,
  useCreatePath,
} from 'react-admin';
import { Link } from 'react-router-dom';
import type { Category } from '../types';

/** The category's products, in the products list filtered by it. */
const ProductsOfCategory = () => {
  const category = useRecordContext<Category>();
  const createPath = useCreatePath();
  if (!category) return null;
  const to = `${createPath({ resource: 'products', type: 'list' })}?filter=${encodeURIComponent(JSON.stringify({ category: category.id }))}`;
  return <Button component={Link} to={to} label="Products" onClick={(event) => event.stopPropagation()} startIcon={<ListIcon />} />;
};

/**
 * Deleting a category that still has products answers 409 {"detail": "…"}: pessimistic mode
 * waits for the answer, so the row stays and the detail shows as a notification.
 */
export const CategoryList = () => (
  <List exporter={false} filters={[<SearchInput key="q" source="q" alwaysOn placeholder="Search by name" />]} sort={{ field: 'name', order: 'ASC' }} perPage={25}>
    <Datagrid rowClick="edit" bulkActionButtons={<BulkDeleteWithConfirmButton mutationMode="pessimistic" />}>
      <TextField source="id" label="ID" sortable={false} />
      <TextField source="name" sortable={false} />
      <ProductsOfCategory />
      <EditButton label="Rename" />
      <DeleteWithConfirmButton mutationMode="pessimistic" redirect={false} />
    </Datagrid>
  </List>
);

const CategoryForm = () => (
  <SimpleForm>
    <TextInput source="name" fullWidth />
  </SimpleForm>
);

export const CategoryCreate = () => (
  <Create redirect="list">
    <CategoryForm />
  </Create>
);

export const CategoryEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" title="Rename category">
    <CategoryForm />
  </Edit>
);
