Feature: Integration webhooks
  A platform admin subscribes an endpoint to the events of chosen conversations, or of every group and channel.
  Each event is posted to it on its own, signed with the webhook's secret, in order, until the receiver takes it;
  the receiver tells events apart by their ids, and can have them again from any point in a conversation's log.

  Background:
    Given the users Ann and Bob
    And a platform admin Ada
    And Ann created the group "Team" with Bob
    And a webhook receiver

  Scenario: The events of a subscribed conversation arrive signed, once each, in order
    When Ada subscribes the receiver to "Team"
    Then it succeeds
    When Ann sends "hello" to "Team"
    And Bob sends "hi Ann" to "Team"
    And the webhooks deliver
    Then the receiver got the messages "hello" and "hi Ann" from "Team", in order, each signed

  Scenario: Only platform admins subscribe
    When Ann subscribes the receiver to "Team"
    Then it fails as "forbidden"

  Scenario: What a receiver missed while away comes once it is back, after the backoff
    Given Ada subscribed the receiver to "Team"
    And the receiver is away
    When Ann sends "while away" to "Team"
    And the webhooks deliver
    Then the receiver got nothing
    And Ada sees a failure of the webhook with status 503
    When the receiver is back
    And the webhooks deliver
    Then the receiver got nothing
    When 2 seconds pass
    And the webhooks deliver
    Then the receiver got the message "while away" from "Team", in order, each signed

  Scenario: A paused webhook keeps its events until it is resumed
    Given Ada subscribed the receiver to "Team"
    When Ada pauses the webhook
    And Ann sends "held back" to "Team"
    And the webhooks deliver
    Then the receiver got nothing
    When Ada resumes the webhook
    And the webhooks deliver
    Then the receiver got the message "held back" from "Team", in order, each signed

  Scenario: Replayed from an event, the events come again with their ids
    Given Ada subscribed the receiver to "Team"
    And Ann has sent "one" to "Team"
    And Bob has sent "two" to "Team"
    And the webhooks deliver
    When Ada replays the webhook from the event of "one"
    Then it succeeds
    When the webhooks deliver
    Then the receiver got "one" and "two" again, with the same ids

  Scenario: A platform webhook hears every group, and no direct conversation
    Given Ada subscribed the receiver to the "message.created" events of every group and channel
    And Ann has a direct conversation with Bob
    When Ann sends "between us" to "Ann & Bob"
    And Ann sends "team news" to "Team"
    And the webhooks deliver
    Then the receiver got the message "team news" from "Team", in order, each signed
    And the receiver got nothing from "Ann & Bob"
