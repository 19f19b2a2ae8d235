Feature: Password reset and e-mail verification
  A forgotten password is reset with a single-use link e-mailed to the account's address; following a link
  also proves the address. The answers never say whether an address has an account.

  Background:
    Given Ann has signed up

  Scenario: A reset link sets a new password and ends every session
    When someone asks to reset the password of "ann@example.test"
    Then it succeeds
    And a password reset link was e-mailed to "ann@example.test"
    When the link is followed with the new password "a brand new secret"
    Then it succeeds
    And Ann can no longer use her access token
    And Ann can sign in with "a brand new secret" but not with the old password
    And Ann's address is verified

  Scenario: A reset link works once
    Given someone asked to reset the password of "ann@example.test"
    And the link was followed with the new password "a brand new secret"
    When the link is followed with the new password "yet another secret"
    Then it fails as "forbidden" with code "token_used"
    And Ann can sign in with "a brand new secret" but not with the old password

  Scenario: A reset link expires after an hour
    Given someone asked to reset the password of "ann@example.test"
    When 2 hours pass
    And the link is followed with the new password "a brand new secret"
    Then it fails as "forbidden" with code "token_expired"

  Scenario: A made-up link is refused, and the answer for an unknown address is the same as for a known one
    When someone asks to reset the password of "nobody@example.test"
    Then it succeeds
    And nothing was e-mailed to "nobody@example.test"
    When a made-up link is followed with the new password "a brand new secret"
    Then it fails as "forbidden" with code "token_invalid"

  Scenario: Using one reset link stops every other link of the account
    Given someone asked to reset the password of "ann@example.test"
    And someone asked to reset the password of "ann@example.test"
    When the latest link is followed with the new password "a brand new secret"
    And the first link is followed with the new password "yet another secret"
    Then it fails as "forbidden" with code "token_used"

  Scenario: An address is verified by following the link e-mailed to it
    When someone asks to verify the address "ann@example.test"
    Then it succeeds
    And an address verification link was e-mailed to "ann@example.test"
    When the verification link is followed
    Then it succeeds
    And Ann's address is verified
    When the verification link is followed
    Then it fails as "forbidden" with code "token_used"

  @email-verification-required
  Scenario: Where verification is required, a new account signs in only after following its link
    When Zed signs up with "zed@example.test"
    Then Zed is told to verify the address first, with no session
    And an address verification link was e-mailed to "zed@example.test"
    When Zed signs in
    Then it fails as "forbidden" with code "email_not_verified"
    When the verification link is followed
    And Zed signs in
    Then it succeeds
