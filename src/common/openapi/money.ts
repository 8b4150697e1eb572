import { ApiProperty } from '@nestjs/swagger';

/** How every amount of money is described in the OpenAPI document: a decimal string with 2 places. */
export const MONEY_SCHEMA = { type: 'string', format: 'decimal', pattern: '^-?\\d+\\.\\d{2}$' } as const;

/** A response property holding money (rendered by renderMoney in src/common/money.ts). */
export const ApiMoneyProperty = (example: string) => ApiProperty({ ...MONEY_SCHEMA, example });
