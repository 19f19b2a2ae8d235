Feature: Moderator tools
  Moderators ban people for a time, find accounts by e-mail or name, and shut, reopen or delete any
  conversation, each with a reason, each in the audit log.

  Background:
    Given the users Ann, Bob and Cat
    And a moderator Mo
    And Ann created the group "Team" with Bob and Cat
    And Bob has sent "Buy cheap pills now" to "Team"

  Scenario: A ban for a time ends by itself
    When Mo bans Bob for 2 days because "flooding"
    Then it succeeds
    And Bob cannot sign in
    When 49 hours pass
    Then Bob's ban has ended for everyone to see
    And Bob can sign in
    And the audit log for Bob shows "user.banned"

  Scenario: A ban must end in the future
    When Mo bans Bob for -1 days because "flooding"
    Then it fails as "a conflict" with code "until_in_past"

  Scenario: Moderators find accounts by e-mail or by the start of a name; others may not
    When Mo finds users by "BOB@example.test"
    Then the users found are Bob
    When Mo finds users by "ca"
    Then the users found are Cat
    When Ann finds users by "bob@example.test"
    Then it fails as "forbidden"

  Scenario: A shut conversation is read, not written to, until it is reopened
    When Mo shuts "Team" because "raid"
    Then it succeeds
    When Ann sends "hello?" to "Team"
    Then it fails as "forbidden" with code "conversation_shut"
    And Cat sees "Buy cheap pills now" in the history of "Team"
    When Mo shuts "Team" because "raid"
    Then it fails as "a conflict" with code "already_shut"
    When Mo reopens "Team" because "calm again"
    And Ann sends "hello?" to "Team"
    Then it succeeds
    And the audit log shows the conversation "Team" "conversation.reopened, conversation.shut"

  Scenario: A moderator deletes a conversation for everyone
    When Mo deletes "Team" because "spam ring"
    Then it succeeds
    And Ann cannot open "Team"
    And the audit log shows the conversation "Team" "conversation.deleted"

  Scenario: Only moderators shut conversations
    When Ann shuts "Team" because "mine"
    Then it fails as "forbidden"

  Scenario: A moderator purges someone's messages in every conversation as one job
    Given Bob has sent "Second pitch" to "Team"
    And Bob has a direct conversation with Cat
    And Bob has sent "Private pitch" to "Bob & Cat"
    When Mo purges the messages of Bob because "spam wave"
    Then the purge finishes having deleted 3 of 3 messages
    And Ann sees "Buy cheap pills now" as a deleted message with no content
    And Cat sees "Private pitch" as a deleted message with no content
    And the audit log for Bob shows "user.messages_purged"

  Scenario: A purge keeps to its time window
    When 3 hours pass
    And Bob has sent "Later pitch" to "Team"
    And Mo purges the messages of Bob sent in the last 1 hour because "raid"
    Then the purge finishes having deleted 1 of 2 messages
    And Ann sees "Buy cheap pills now" in the history of "Team"
    And Ann sees "Later pitch" as a deleted message with no content
