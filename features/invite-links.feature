Feature: Invite links
  Owners and admins of a group or channel create invite links, with an optional expiry, usage limit and
  admin approval. Anyone signed in who has a link sees what it leads to and joins through it (or asks to,
  when it needs approval); admins see who joined by which link and revoke links. Platform moderators list
  and revoke the links of any conversation, with a reason that goes to the audit log.

  Background:
    Given the users Olga, Adam, Mia and Max
    And Olga created the group "Book club" with Adam

  Scenario: Someone joins through a link, and the admins see who joined by it
    Given Olga created the invite link "website" to "Book club"
    When Mia looks at the invite link "website"
    Then the invite leads to "Book club" with 2 members
    When Mia joins through the invite link "website"
    Then it succeeds
    And Mia is the member of "Book club"
    And the invite link "website" was used by Mia
    When Mia joins through the invite link "website"
    Then it fails as "a conflict" with code "already_member"

  Scenario: A link with a usage limit is used up
    Given Olga created the invite link "one seat" to "Book club" for 1 person
    When Mia joins through the invite link "one seat"
    Then it succeeds
    When Max joins through the invite link "one seat"
    Then it fails as "a conflict" with code "invite_full"
    And the invite link "one seat" reads "full" in the list of "Book club"

  Scenario: A link expires
    Given Olga created the invite link "today" to "Book club" expiring in 1 hour
    When 2 hours pass
    And Mia joins through the invite link "today"
    Then it fails as "a conflict" with code "invite_expired"

  Scenario: A revoked link no longer works, and those who joined stay
    Given Olga created the invite link "old" to "Book club"
    And Mia joined through the invite link "old"
    When Olga revokes the invite link "old"
    Then it succeeds
    When Max joins through the invite link "old"
    Then it fails as "a conflict" with code "invite_expired"
    And the invite link "old" reads "revoked" in the list of "Book club"
    And Mia is the member of "Book club"

  Scenario: A link that needs approval makes join requests the admins decide
    Given Olga created the invite link "vetted" to "Book club" with approval
    When Mia joins through the invite link "vetted"
    Then the join is requested
    And Mia cannot open "Book club"
    And Olga sees join requests from Mia for "Book club"
    When Max joins through the invite link "vetted"
    And Olga approves the join request of Mia to "Book club"
    Then it succeeds
    And Mia is the member of "Book club"
    When Olga declines the join request of Max to "Book club"
    Then it succeeds
    And Max cannot open "Book club"
    And Olga sees no join requests for "Book club"

  Scenario: Members who are not admins cannot manage links; unknown links are not found
    When Adam creates an invite link to "Book club"
    Then it fails as "forbidden"
    When Mia looks at the invite link "nonexistent"
    Then it fails as "not found"

  Scenario: Channels take subscribers through links
    Given Olga created the channel "News" with subscribers Adam
    And Olga created the invite link "promo" to "News"
    When Max joins through the invite link "promo"
    Then Max is the subscriber of "News"

  Scenario: A moderator lists and revokes any conversation's links, audited
    Given a moderator Moe
    And Olga created the invite link "leaked" to "Book club"
    When Moe lists the invite links of "Book club" as a moderator
    Then it succeeds
    When Moe revokes the invite link "leaked" of "Book club" because "posted on a spam forum"
    Then it succeeds
    And the invite link "leaked" reads "revoked" in the list of "Book club"
    And the audit log shows "invite.revoked" of the invite link "leaked" by Moe with reason "posted on a spam forum"
