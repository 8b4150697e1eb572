/**
 * An order's life: pending → paid → shipped → delivered, and cancelled from pending (its
 * owner or staff) or paid (staff only).
 */
export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What staff may set with PATCH: one step forward. */
export const FORWARD_STATUSES = ['paid', 'shipped', 'delivered'] as const;
export type ForwardStatus = (typeof FORWARD_STATUSES)[number];

const PREVIOUS: Record<ForwardStatus, OrderStatus> = { paid: 'pending', shipped: 'paid', delivered: 'shipped' };

/** The only status an order can be in to move to `status`. */
export function previousStatus(status: ForwardStatus): OrderStatus {
  return PREVIOUS[status];
}

/** The statuses an order can be cancelled from, for its owner or for staff. */
export function cancellableStatuses(byStaff: boolean): OrderStatus[] {
  return byStaff ? ['pending', 'paid'] : ['pending'];
}

const VERB: Record<OrderStatus, string> = {
  pending: 'marked pending',
  paid: 'marked paid',
  shipped: 'marked shipped',
  delivered: 'marked delivered',
  cancelled: 'cancelled',
};

/** "An order that is shipped cannot be cancelled." */
export function transitionRefusal(from: OrderStatus, to: OrderStatus): string {
  return `An order that is ${from} cannot be ${VERB[to]}.`;
}
