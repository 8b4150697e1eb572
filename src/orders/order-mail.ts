import type { OrderResponseDto } from './dto/order-response.dto.js';

/** The confirmation a customer gets for a new order: what was ordered, what it costs, where it goes. */
export function confirmationMail(username: string, order: OrderResponseDto): { subject: string; text: string } {
  const lines = order.items.map((item) => `  ${item.quantity} × ${item.name} at ${item.unit_price} = ${item.total_price}`);
  const address = order.shipping_address;
  const where = [address.full_name, address.line1, address.line2, `${address.postal_code} ${address.city}`, address.country, address.phone]
    .filter(Boolean)
    .map((line) => `  ${line}`);
  return {
    subject: `Your order #${order.id}`,
    text: [
      `Hello ${username},`,
      '',
      `Thank you for your order #${order.id}. It is ${order.status}.`,
      '',
      ...lines,
      `  Total: ${order.total_price} (${order.total_quantity} items)`,
      '',
      'It will be shipped to:',
      ...where,
      '',
    ].join('\n'),
  };
}
