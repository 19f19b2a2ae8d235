Feature: Scheduled messages
  A member schedules a message to go out later. Until then only they see it (listed, editable,
  cancellable); when its time comes the server sends it as them, once, to everyone, checked as any send
  would be then.

  Background:
    Given the users Ann, Bob and Cat
    And Ann created the group "Team" with Bob

  Scenario: A scheduled message goes out when its time comes
    Given Bob is connected
    When Ann schedules "Happy birthday Bob!" to "Team" in 2 hours
    Then it succeeds
    And Ann's scheduled messages in "Team" are "Happy birthday Bob!"
    And Bob does not see "Happy birthday Bob!" in the history of "Team"
    When 3 hours pass
    Then "Happy birthday Bob!" goes out to "Team" once
    And Bob receives "Happy birthday Bob!" live
    And Ann's scheduled messages in "Team" are ""

  Scenario: The sender edits the text and time before then
    Given Ann scheduled "Meeting at 10" to "Team" in 2 hours
    When Ann changes her scheduled "Meeting at 10" to "Meeting at 11" in 5 hours
    Then it succeeds
    When 3 hours pass
    Then Ann's scheduled messages in "Team" are "Meeting at 11"
    When 3 hours pass
    Then "Meeting at 11" goes out to "Team" once

  Scenario: A cancelled message never goes out
    Given Ann scheduled "Surprise!" to "Team" in 1 hour
    When Ann cancels her scheduled "Surprise!"
    Then it succeeds
    When 2 hours pass
    And Ann sends "later" to "Team"
    Then Bob does not see "Surprise!" in the history of "Team"
    When Ann cancels her scheduled "Surprise!"
    Then it fails as "a conflict" with code "scheduled_message_settled"

  Scenario: Only the sender sees and changes a scheduled message
    Given Ann scheduled "Secret plan" to "Team" in 1 hour
    Then Bob's scheduled messages in "Team" are ""
    When Bob cancels Ann's scheduled "Secret plan"
    Then it fails as "not found"

  Scenario: A time in the past is refused, and outsiders cannot schedule
    When Ann schedules "too late" to "Team" 1 hour ago
    Then it fails as "a conflict" with code "send_at_passed"
    When Cat schedules "let me in" to "Team" in 1 hour
    Then it fails as "not found"

  Scenario: A sender who left by then is not sent for
    Given Bob scheduled "see you all" to "Team" in 1 hour
    When Bob leaves "Team"
    And 2 hours pass
    Then Ann does not see "see you all" in the history of "Team"
