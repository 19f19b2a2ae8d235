import Joi from 'joi';

/** Bodies that may take one of several shapes (anyOf), each validated on its own to report the closest one's errors. */
const branchesOf = new WeakMap<Joi.Schema, Joi.ObjectSchema[]>();

export const anyOf = (...branches: Joi.ObjectSchema[]) => {
  const schema = Joi.alternatives().try(...branches);
  branchesOf.set(schema, branches);
  return schema;
};

/** The shapes an anyOf body was built from (undefined for any other schema). */
export const branchesFor = (schema: Joi.Schema): Joi.ObjectSchema[] | undefined => branchesOf.get(schema);
