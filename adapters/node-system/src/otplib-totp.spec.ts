import { describe, it } from 'vitest';
import { totpAuthenticatorContract } from '@parley/core/testkit';
import { OtplibTotp } from './otplib-totp.js';

totpAuthenticatorContract({ describe, it }, () => new OtplibTotp());
