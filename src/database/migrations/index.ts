import { InitialAuth1764201600000 } from './1764201600000-initial-auth.js';
import { CatalogAndCart1764288000000 } from './1764288000000-catalog-and-cart.js';
import { CategoryOrderingIndexes1764374400000 } from './1764374400000-category-ordering-indexes.js';
import { UserNames1764460800000 } from './1764460800000-user-names.js';
import { DjangoImportRows1764547200000 } from './1764547200000-django-import-rows.js';
import { Orders1764633600000 } from './1764633600000-orders.js';
import { PasswordChangedAt1764720000000 } from './1764720000000-password-changed-at.js';
import { SearchIndexPendingList1764806400000 } from './1764806400000-search-index-pending-list.js';
import { RefreshTokenLineage1764849600000 } from './1764849600000-refresh-token-lineage.js';
import { SearchSuffixIndex1764892800000 } from './1764892800000-search-suffix-index.js';

/** Every migration in order; new ones are appended here after `npm run migration:generate`. */
export const migrations = [
  InitialAuth1764201600000,
  CatalogAndCart1764288000000,
  CategoryOrderingIndexes1764374400000,
  UserNames1764460800000,
  DjangoImportRows1764547200000,
  Orders1764633600000,
  PasswordChangedAt1764720000000,
  SearchIndexPendingList1764806400000,
  RefreshTokenLineage1764849600000,
  SearchSuffixIndex1764892800000,
];
