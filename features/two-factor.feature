Feature: Two-factor sign-in
  People protect their account with a code from an authenticator app (TOTP): after the password, a sign-in
  needs a code, or one of the recovery codes handed out once when it was turned on.

  Background:
    Given Ann has signed up

  Scenario: Enrolment takes the password and a first code, and hands out recovery codes once
    When Ann sets up two-factor sign-in with her password
    Then she gets a secret and an otpauth URI for her authenticator app
    And two-factor sign-in is off for Ann
    When Ann turns it on with a code from her app
    Then she gets 10 recovery codes
    And two-factor sign-in is on for Ann with 10 recovery codes left

  Scenario: Setting up takes the right password
    When Ann sets up two-factor sign-in with the password "not my password"
    Then it fails as "forbidden" with code "wrong_password"

  Scenario: A sign-in needs a code after the password, and each code works once
    Given Ann has two-factor sign-in on
    When Ann signs in with her password
    Then she is asked for a code, with no session yet
    When she answers with the code "000000"
    Then it fails as "unauthenticated" with code "invalid_code"
    When she answers with a code from her app
    Then she is signed in
    When Ann signs in with her password
    And she answers with the same code again
    Then it fails as "unauthenticated" with code "invalid_code"
    When 30 seconds pass
    And she answers with a code from her app
    Then she is signed in

  Scenario: A recovery code signs in once
    Given Ann has two-factor sign-in on
    When Ann signs in with her password
    And she answers with a recovery code
    Then she is signed in
    And two-factor sign-in is on for Ann with 9 recovery codes left
    When Ann signs in with her password
    And she answers with the same recovery code
    Then it fails as "unauthenticated" with code "invalid_code"

  Scenario: The challenge is no session, and it expires
    Given Ann has two-factor sign-in on
    When Ann signs in with her password
    Then the challenge works neither as an access token nor as a refresh token
    When 360 seconds pass
    And she answers with a code from her app
    Then it fails as "forbidden" with code "token_expired"

  Scenario: Turning it off takes the password and a code
    Given Ann has two-factor sign-in on
    When Ann turns two-factor sign-in off with her password and the code "000000"
    Then it fails as "unauthenticated" with code "invalid_code"
    When Ann turns two-factor sign-in off with her password and a code from her app
    Then it succeeds
    And two-factor sign-in is off for Ann
    When Ann signs in with her password
    Then she is signed in

  Scenario: New recovery codes replace the old ones, with the password and a code
    Given Ann has two-factor sign-in on
    And Ann signed in once with a recovery code
    When Ann asks for new recovery codes with her password and the code "000000"
    Then it fails as "unauthenticated" with code "invalid_code"
    When Ann asks for new recovery codes with her password and a code from her app
    Then she gets 10 recovery codes
    And two-factor sign-in is on for Ann with 10 recovery codes left
    When Ann signs in with her password
    And she answers with an old recovery code
    Then it fails as "unauthenticated" with code "invalid_code"
    When she answers with a recovery code
    Then she is signed in
