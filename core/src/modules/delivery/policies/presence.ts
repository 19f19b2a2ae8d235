// The status a presence record shows is the identity module's (a person's status); delivery reads it too.
export { presenceOf } from '../../identity/index.js';
