Feature: Moderation
  Members report messages; moderators review reports, remove messages with a reason and ban people.
  Every moderator action lands in an append-only audit log.

  Background:
    Given the users Ann, Bob and Cat
    And a moderator Mo
    And Ann created the group "Team" with Bob and Cat
    And Bob has sent "Buy cheap pills now" to "Team"

  Scenario: A member reports a message and moderators see it
    When Ann reports "Buy cheap pills now" as "spam"
    Then it succeeds
    When Mo lists the open reports
    Then there is an open report of "Buy cheap pills now" saying "spam"

  Scenario: Reporting the same message twice is a conflict
    Given Ann has reported "Buy cheap pills now" as "spam"
    When Ann reports "Buy cheap pills now" as "still spam"
    Then it fails as "a conflict"

  Scenario: Outsiders cannot report what they cannot see
    Given Dan has signed up
    When Dan reports "Buy cheap pills now" as "spam"
    Then it fails as "not found"

  Scenario: Ordinary users cannot review reports
    When Cat lists the open reports
    Then it fails as "forbidden"

  Scenario: The full workflow: report, review, remove, ban, audit
    Given Ann has reported "Buy cheap pills now" as "spam"
    When Mo removes "Buy cheap pills now" because "spam"
    Then Ann sees "Buy cheap pills now" as a deleted message with no content
    When Mo resolves the report of "Buy cheap pills now" as "actioned"
    Then it succeeds
    When Mo bans Bob because "repeated spam"
    Then it succeeds
    And Bob cannot sign in
    And Bob's earlier sign-in no longer works
    And Bob's access token is refused with code "session_revoked"
    And the audit log for Bob shows "user.banned"
    And the audit log shows "message.moderated" of "Buy cheap pills now" by Mo with reason "spam"

  Scenario: A report is resolved once
    Given Ann has reported "Buy cheap pills now" as "spam"
    And Mo resolves the report of "Buy cheap pills now" as "dismissed"
    When Mo resolves the report of "Buy cheap pills now" as "actioned"
    Then it fails as "a conflict"

  Scenario: Lifting a ban lets the person back in
    Given Mo has banned Bob because "spam"
    When Mo lifts the ban on Bob
    Then it succeeds
    And Bob can sign in
    And the audit log for Bob shows "user.unbanned, user.banned"

  Scenario: Moderators cannot ban admins
    Given a platform admin Ada
    When Mo bans Ada because "revenge"
    Then it fails as "forbidden"

  Scenario: Only admins hand out platform roles
    Given a platform admin Ada
    When Mo makes Cat a moderator
    Then it fails as "forbidden"
    When Ada makes Cat a moderator
    Then it succeeds
