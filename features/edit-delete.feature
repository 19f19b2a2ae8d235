Feature: Editing and deleting messages
  Authors edit their messages. Deleting for everyone leaves a tombstone (authors within 48 hours, admins
  any time); deleting for me hides the message from me only.

  Background:
    Given the users Olga, Ann and Bob
    And Olga created the group "Team" with Ann and Bob
    And Ann has sent "Helo all" to "Team"

  Scenario: The author edits a message
    When Ann edits "Helo all" to "Hello all"
    Then the message now reads "Hello all" and is marked edited

  Scenario: Nobody else edits it
    When Bob edits "Helo all" to "Hacked"
    Then it fails as "forbidden"

  Scenario: A deleted message cannot be edited
    Given Ann has deleted "Helo all" for everyone
    When Ann edits "Helo all" to "Back again"
    Then it fails as "a conflict"

  Scenario: The author deletes for everyone, leaving a tombstone
    When Ann deletes "Helo all" for everyone
    Then it succeeds
    And Bob sees "Helo all" as a deleted message with no content

  Scenario: After the window the author can no longer delete for everyone
    When 49 hours pass
    And Ann deletes "Helo all" for everyone
    Then it fails as "forbidden" with code "delete_window_expired"

  Scenario: The group owner deletes anyone's message any time
    When 49 hours pass
    And Olga deletes "Helo all" for everyone
    Then it succeeds

  Scenario: A member cannot delete someone else's message
    When Bob deletes "Helo all" for everyone
    Then it fails as "forbidden"

  Scenario: Deleting for me hides it from me only
    When Bob deletes "Helo all" for himself
    Then it succeeds
    And Bob does not see "Helo all" in the history of "Team"
    And Olga sees "Helo all" in the history of "Team"
