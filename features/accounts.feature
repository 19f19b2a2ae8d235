Feature: Accounts and sessions
  People sign up with email, username and password, sign in with either, and keep a session alive with
  rotating refresh tokens. Stolen refresh tokens are detected when replayed.

  Scenario: Sign up and sign in with the username
    When Ann signs up with email "ann@example.test" and username "ann"
    Then it succeeds
    When Ann signs in as "ann"
    Then it succeeds
    And Ann's profile shows the display name "Ann"

  Scenario: Sign in with the email, in any letter case
    Given Ann has signed up
    When Ann signs in as "ANN@example.test"
    Then it succeeds

  Scenario: An email can be registered only once
    Given Ann has signed up
    When Bob signs up with email "ann@example.test" and username "bob"
    Then it fails as "a conflict" with code "email_taken"

  Scenario: A username can be taken only once
    Given Ann has signed up
    When Bob signs up with email "bob@example.test" and username "ann"
    Then it fails as "a conflict" with code "username_taken"

  Scenario Outline: Bad sign-up details are refused with the field named
    When someone signs up with email "<email>", username "<username>" and password "<password>"
    Then it fails as "invalid"
    And the problem is with "<field>"

    Examples:
      | email            | username  | password             | field    |
      | not-an-email     | zed       | correct horse battery | email    |
      | zed@example.test | z         | correct horse battery | username |
      | zed@example.test | zed!      | correct horse battery | username |
      | zed@example.test | zed       | short                | password |

  Scenario: A wrong password is refused without saying which part was wrong
    Given Ann has signed up
    When Ann signs in as "ann" with password "wrong password"
    Then it fails as "unauthenticated" with code "invalid_credentials"

  Scenario: Refreshing rotates the refresh token
    Given Ann has signed up
    When Ann refreshes her session
    Then it succeeds
    And Ann's new refresh token differs from the old one
    And Ann can refresh again with the new token

  Scenario: Replaying a rotated refresh token revokes the whole session
    Given Ann has signed up
    And Ann has refreshed her session once
    When someone replays Ann's first refresh token
    Then it fails as "unauthenticated" with code "refresh_token_reused"
    And Ann's current refresh token no longer works either
    And Ann's access token is refused with code "session_revoked"

  Scenario: Signing out revokes the refresh token
    Given Ann has signed up
    When Ann signs out
    And Ann refreshes her session
    Then it fails as "unauthenticated"

  Scenario: Signing out ends the access token at once, not when it expires
    Given Ann has signed up
    When Ann signs out
    Then Ann's access token is refused with code "session_revoked"

  Scenario: Changing the password signs out every other device
    Given Ann has signed up
    And Ann signs in on another device
    When Ann changes her password from "the current one" to "a brand new passphrase"
    Then it succeeds
    And Ann's other device is signed out
    And Ann is still signed in here
    And Ann signs in with "a brand new passphrase" but not with the old password

  Scenario: The current password must be right, and the new one good enough
    Given Ann has signed up
    When Ann changes her password from "a wrong guess" to "a brand new passphrase"
    Then it fails as "forbidden" with code "wrong_password"
    When Ann changes her password from "the current one" to "short"
    Then it fails as "invalid"
    And the problem is with "newPassword"

  Scenario: Emails listed as admin emails become platform admins
    When the admin address signs up
    Then that account has the platform role "admin"

  Scenario: People find each other by username or display name prefix
    Given the users Ann, Annette and Bob
    When Bob searches people for "ann"
    Then the people found are Ann and Annette

  Scenario: People edit their own profile
    Given Ann has signed up
    When Ann changes her display name to "Ann B." and bio to "Hi there"
    Then it succeeds
    And Ann's profile shows the display name "Ann B."

  Scenario: Nobody edits someone else's profile
    Given the users Ann and Bob
    When Bob changes Ann's display name to "Hacked"
    Then it fails as "forbidden"
