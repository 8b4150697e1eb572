import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { BooleanField, DecimalField, EmailField, IntegerField, PrimaryKeyField, StringField } from './drf-fields.js';

class Sample {
  @StringField({ maxLength: 5 })
  name: string;

  @DecimalField({ maxDigits: 10, decimalPlaces: 2, nonNegative: true, required: false })
  price?: string;

  @IntegerField({ required: false, min: 1, max: 1000 })
  quantity?: number;

  @PrimaryKeyField({ required: false })
  category?: number;

  @EmailField({ required: false, allowBlank: true })
  email?: string;

  @BooleanField({ required: false })
  flag?: boolean;
}

async function check(plain: Record<string, unknown>) {
  const instance = plainToInstance(Sample, plain);
  const errors = await validate(instance, { stopAtFirstError: true });
  const fields = Object.fromEntries(errors.map((error) => [error.property, Object.values(error.constraints ?? {})]));
  return { instance, fields };
}

describe('DRF fields', () => {
  it('reports required, null and blank the DRF way', async () => {
    expect((await check({})).fields).toEqual({ name: ['This field is required.'] });
    expect((await check({ name: null })).fields).toEqual({ name: ['This field may not be null.'] });
    expect((await check({ name: '   ' })).fields).toEqual({ name: ['This field may not be blank.'] });
    expect((await check({ name: 'toolong' })).fields).toEqual({ name: ['Ensure this field has no more than 5 characters.'] });
    expect((await check({ name: { a: 1 } })).fields).toEqual({ name: ['Not a valid string.'] });
    expect((await check({ name: 'a\u0000b' })).fields).toEqual({ name: ['Null characters are not allowed.'] });
  });

  it('trims strings and accepts numbers as strings, like CharField', async () => {
    expect((await check({ name: '  ab ' })).instance.name).toBe('ab');
    expect((await check({ name: 123 })).instance.name).toBe('123');
  });

  it('normalises and checks decimals', async () => {
    expect((await check({ name: 'a', price: 12.5 })).instance.price).toBe('12.50');
    expect((await check({ name: 'a', price: '0.1' })).instance.price).toBe('0.10');
    expect((await check({ name: 'a', price: 'abc' })).fields).toEqual({ price: ['A valid number is required.'] });
    expect((await check({ name: 'a', price: true })).fields).toEqual({ price: ['A valid number is required.'] });
    expect((await check({ name: 'a', price: '1.234' })).fields).toEqual({
      price: ['Ensure that there are no more than 2 decimal places.'],
    });
    expect((await check({ name: 'a', price: '123456789012' })).fields).toEqual({
      price: ['Ensure that there are no more than 10 digits in total.'],
    });
    expect((await check({ name: 'a', price: '123456789.1' })).fields).toEqual({
      price: ['Ensure that there are no more than 8 digits before the decimal point.'],
    });
    expect((await check({ name: 'a', price: '-1' })).fields).toEqual({
      price: ['Ensure this value is greater than or equal to 0.'],
    });
  });

  it('checks integers like IntegerField', async () => {
    expect((await check({ name: 'a', quantity: '3' })).instance.quantity).toBe(3);
    expect((await check({ name: 'a', quantity: 3.0 })).instance.quantity).toBe(3);
    expect((await check({ name: 'a', quantity: 2.5 })).fields).toEqual({ quantity: ['A valid integer is required.'] });
    expect((await check({ name: 'a', quantity: true })).fields).toEqual({ quantity: ['A valid integer is required.'] });
    expect((await check({ name: 'a', quantity: 0 })).fields).toEqual({
      quantity: ['Ensure this value is greater than or equal to 1.'],
    });
    expect((await check({ name: 'a', quantity: 1001 })).fields).toEqual({
      quantity: ['Ensure this value is less than or equal to 1000.'],
    });
  });

  it('checks primary keys like PrimaryKeyRelatedField', async () => {
    expect((await check({ name: 'a', category: '7' })).instance.category).toBe(7);
    expect((await check({ name: 'a', category: 'x' })).fields).toEqual({
      category: ['Incorrect type. Expected pk value, received str.'],
    });
    expect((await check({ name: 'a', category: true })).fields).toEqual({
      category: ['Incorrect type. Expected pk value, received bool.'],
    });
  });

  it('checks emails and booleans', async () => {
    expect((await check({ name: 'a', email: '' })).fields).toEqual({});
    expect((await check({ name: 'a', email: 'not-an-address' })).fields).toEqual({ email: ['Enter a valid email address.'] });
    expect((await check({ name: 'a', email: 'a.b@example.co.uk' })).fields).toEqual({});
    expect((await check({ name: 'a', flag: 'true' })).instance.flag).toBe(true);
    expect((await check({ name: 'a', flag: 'maybe' })).fields).toEqual({ flag: ['Must be a valid boolean.'] });
  });
});
