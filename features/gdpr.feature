Feature: Personal data export and erasure
  People can download everything Parley holds about them and erase their account. Erased accounts leave
  their messages in place under "Deleted account".

  Background:
    Given the users Ann and Bob
    And Ann created the group "Team" with Bob
    And Ann has sent "Hello team" to "Team"
    And Ann has sent "Anyone here?" to "Team"

  Scenario: People export their own data, confirming with their password, and it is audited
    When Ann exports her own data
    Then it succeeds
    And the export holds 2 messages and 1 conversation
    And the audit log for Ann shows "user.exported"

  Scenario: The export leaves out other people's choices and the server's own bookkeeping
    Given Bob deletes "Hello team" for himself
    When Ann exports her own data
    Then it succeeds
    And the export holds 2 messages and 1 conversation
    And no exported message says who else hid it, or carries the server's outbox bookkeeping

  Scenario: The export holds the messages still scheduled
    Given Ann scheduled "see you next week" to "Team" in 1 hour
    When Ann exports her own data
    Then the export holds the scheduled message "see you next week"

  Scenario: A stolen access token alone cannot export or erase an account
    When Ann exports her own data with the password "not her password"
    Then it fails as "forbidden" with code "wrong_password"
    When Ann erases her own account with the password "not her password"
    Then it fails as "forbidden" with code "wrong_password"
    And Ann can sign in

  Scenario: Nobody exports someone else's data
    When Bob exports the data of Ann
    Then it fails as "forbidden"

  Scenario: The admin routes are for admins, also when the target is yourself
    When Ann exports the data of Ann
    Then it fails as "forbidden"
    When Ann erases the account of Ann
    Then it fails as "forbidden"
    And Ann can sign in

  Scenario: An admin exports data on request, and it is audited
    Given a platform admin Ada
    When Ada exports the data of Ann
    Then it succeeds
    And the audit log for Ann shows "user.exported"

  Scenario: Erasing an account anonymizes it and keeps the conversation readable
    When Ann erases her own account
    Then it succeeds
    And Ann cannot sign in
    And the audit log for Ann shows "user.erased"
    And Bob sees Ann as "Deleted account"
    And Bob sees "Hello team" in the history of "Team"
    And Bob is the owner of "Team"

  Scenario: Messages an erased account scheduled never go out
    Given Ann scheduled "see you next week" to "Team" in 1 hour
    When Ann erases her own account
    And 2 hours pass
    Then Bob does not see "see you next week" in the history of "Team"

  Scenario: An admin erases an account, and it is audited
    Given a platform admin Ada
    When Ada erases the account of Bob
    Then it succeeds
    And the audit log for Bob shows "user.erased"
