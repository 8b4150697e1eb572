import CategoryIcon from '@mui/icons-material/Category';
import InventoryIcon from '@mui/icons-material/Inventory2';
import PeopleIcon from '@mui/icons-material/People';
import ReceiptIcon from '@mui/icons-material/ReceiptLong';
import { Admin, Resource } from 'react-admin';
import { BrowserRouter } from 'react-router-dom';
import { AccountList, AccountShow } from './accounts/accounts';
import { authProvider } from './api/auth-provider';
import { dataProvider } from './api/data-provider';
import { CategoryCreate, CategoryEdit, CategoryList } from './categories/categories';
import { Dashboard } from './dashboard/Dashboard';
import { LoginPage } from './LoginPage';
import { OrderList, OrderShow } from './orders/orders';
import { ProductCreate, ProductEdit, ProductList } from './products/products';
import { StyleNonce } from './styles';
import { theme } from './theme';

/**
 * The server answers index.html for every path under /admin/, so the console has real URLs
 * (/admin/products/7) that survive a reload and can be shared.
 */
export const App = () => (
  <StyleNonce>
    <BrowserRouter basename="/admin">
      <Admin
        title="Storedeal staff console"
        dataProvider={dataProvider}
        authProvider={authProvider}
        dashboard={Dashboard}
        loginPage={LoginPage}
        theme={theme}
        requireAuth
        // react-admin would otherwise load an image from its vendor's server (and the policy would block it).
        disableTelemetry
      >
        <Resource name="products" list={ProductList} create={ProductCreate} edit={ProductEdit} icon={InventoryIcon} recordRepresentation="name" />
        <Resource name="categories" list={CategoryList} create={CategoryCreate} edit={CategoryEdit} icon={CategoryIcon} recordRepresentation="name" />
        <Resource name="orders" list={OrderList} show={OrderShow} icon={ReceiptIcon} recordRepresentation={(order) => `Order #${order.id}`} />
        <Resource name="accounts" list={AccountList} show={AccountShow} icon={PeopleIcon} recordRepresentation="username" />
      </Admin>
    </BrowserRouter>
  </StyleNonce>
);
