Feature: Personal data export and erasure
  People can download everything Parley holds about them and erase their account. Erased accounts leave
  their messages in place under "Deleted account".

  Background:
    Given the users Ann and Bob
    And Ann created the group "Team" with Bob
    And Ann has sent "Hello team" to "Team"
    And Ann has sent "Anyone here?" to "Team"

  Scenario: People export their own data
    When Ann exports the data of Ann
    Then it succeeds
    And the export holds 2 messages and 1 conversation

  Scenario: Nobody exports someone else's data
    When Bob exports the data of Ann
    Then it fails as "forbidden"

  Scenario: An admin exports data on request, and it is audited
    Given a platform admin Ada
    When Ada exports the data of Ann
    Then it succeeds
    And the audit log for Ann shows "user.exported"

  Scenario: Erasing an account anonymizes it and keeps the conversation readable
    When Ann erases her own account
    Then it succeeds
    And Ann cannot sign in
    And Bob sees Ann as "Deleted account"
    And Bob sees "Hello team" in the history of "Team"
    And Bob is the owner of "Team"

  Scenario: An admin erases an account, and it is audited
    Given a platform admin Ada
    When Ada erases the account of Bob
    Then it succeeds
    And the audit log for Bob shows "user.erased"
