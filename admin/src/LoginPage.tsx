import StorefrontIcon from '@mui/icons-material/Storefront';
import { Typography } from '@mui/material';
import { Login, LoginForm } from 'react-admin';

/** react-admin's login, saying what it is for: staff accounts (createsuperuser makes the first). */
export const LoginPage = () => (
  <Login avatarIcon={<StorefrontIcon />}>
    <Typography variant="h6" align="center" sx={{ mt: 1 }}>
      Storedeal staff console
    </Typography>
    <Typography variant="body2" align="center" color="text.secondary" sx={{ px: 2 }}>
      Log in with a staff account.
    </Typography>
    <LoginForm />
  </Login>
);
