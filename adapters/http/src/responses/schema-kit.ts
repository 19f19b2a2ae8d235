import Joi from 'joi';

/** The building blocks of the response schemas: a component by name (`ref`), required keys, common types. */

export const ref = <T extends Joi.Schema>(name: string, schema: T): T => schema.meta({ ref: name }) as T;

export const id = Joi.string();

export const date = Joi.string().isoDate();

export const optionalDate = date.allow(null);

export const text = Joi.string().allow('');

export const count = Joi.number().integer().min(0);

export const list = (item: Joi.Schema) => Joi.array().items(item).required();

/** A page of a list: the items and the cursor of the next page (null at the end). */
export const pageOf = (item: Joi.Schema) =>
  Joi.object({ data: list(item), nextCursor: Joi.string().allow(null).required() });

export const req = <T extends Record<string, Joi.Schema>>(keys: T) =>
  Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v.required()])) as T;

export const role = Joi.string().valid('owner', 'admin', 'member', 'subscriber');

export const presenceStatus = Joi.string().valid('online', 'away', 'offline');
