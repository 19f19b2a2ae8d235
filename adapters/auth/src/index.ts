export { BcryptPasswordHasher } from './bcrypt-password-hasher.js';
export { JwtTokenIssuer, type JwtOptions } from './jwt-token-issuer.js';
