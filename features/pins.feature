Feature: Pinned messages
  Owners and admins of groups and channels pin messages to the top of the conversation (either person in
  a direct chat). Every member sees the pins, the most recent first, and learns of each pin and unpin live.
  Platform moderators list and remove pins anywhere, with a reason that goes to the audit log.

  Background:
    Given the users Olga, Adam and Mia
    And Olga created the group "Book club" with Adam and Mia
    And Olga made Adam an admin of "Book club"
    And Mia has sent "Meeting on Friday" to "Book club"
    And Mia has sent "Bring snacks" to "Book club"

  Scenario: An admin pins messages; members see them newest first, live
    Given Mia is connected
    When Adam pins "Meeting on Friday"
    Then it succeeds
    When Olga pins "Bring snacks"
    Then the pins Mia sees in "Book club" are "Bring snacks, Meeting on Friday"
    And Mia receives a "message.pinned" event

  Scenario: Pinning twice changes nothing, and unpinning removes the pin
    Given Adam pinned "Meeting on Friday"
    When Olga pins "Meeting on Friday"
    Then it succeeds
    And the pins Mia sees in "Book club" are "Meeting on Friday"
    Given Mia is connected
    When Adam unpins "Meeting on Friday"
    Then it succeeds
    And the pins Mia sees in "Book club" are ""
    And Mia receives a "message.unpinned" event

  Scenario: Members of a group and subscribers of a channel may not pin
    When Mia pins "Bring snacks"
    Then it fails as "forbidden"
    Given Olga created the channel "News" with subscribers Adam
    And Olga has sent "Welcome" to "News"
    When Adam pins "Welcome"
    Then it fails as "forbidden"
    When Olga pins "Welcome"
    Then the pins Adam sees in "News" are "Welcome"

  Scenario: Either person in a direct chat may pin
    Given Adam has a direct conversation with Mia
    And Adam has sent "our secret plan" to "Adam & Mia"
    When Mia pins "our secret plan"
    Then it succeeds
    And the pins Adam sees in "Adam & Mia" are "our secret plan"

  Scenario: A message deleted for everyone is no longer pinned
    Given Adam pinned "Meeting on Friday"
    When Mia deletes "Meeting on Friday" for everyone
    Then the pins Olga sees in "Book club" are ""

  Scenario: Outsiders see no pins
    Given Max has signed up
    When Max lists the pins of "Book club"
    Then it fails as "not found"

  Scenario: A moderator lists and removes pins anywhere, audited
    Given a moderator Moe
    And Adam pinned "Meeting on Friday"
    When Moe lists the pins of "Book club" as a moderator
    Then it succeeds
    When Moe removes the pin of "Meeting on Friday" in "Book club" because "outdated"
    Then it succeeds
    And the pins Mia sees in "Book club" are ""
    And the audit log shows "pin.removed" of "Meeting on Friday" by Moe with reason "outdated"
    When Adam removes the pin of "Bring snacks" in "Book club" because "why not"
    Then it fails as "forbidden"
