Feature: Banning people from a group or channel
  Owners and admins keep a group or channel safe by banning someone, for good or until a time. A banned member
  is taken out at once; a banned person cannot come back by public join, invite link, join request or being
  added until the ban is lifted or runs out. Nobody bans someone of their own rank or above.

  Background:
    Given the users Ann, Bob, Cat and Dan
    And Ann created the group "Team" with Bob and Cat
    And Ann created the invite link "join-team" to "Team"

  Scenario: A banned member is taken out and cannot come back by invite link, being added or writing
    When Ann bans Bob from "Team"
    Then it succeeds
    And Bob cannot open "Team"
    When Bob joins through the invite link "join-team"
    Then it fails as "forbidden" with code "banned_from_conversation"
    When Ann adds Bob to "Team"
    Then it fails as "forbidden" with code "banned_from_conversation"
    When Bob sends "let me back in" to "Team"
    Then it fails as "forbidden" with code "banned_from_conversation"
    When Ann unbans Bob from "Team"
    And Bob joins through the invite link "join-team"
    Then it succeeds

  Scenario: Someone who was never a member can be banned from a public group
    Given Ann set the username of "Team" to "team_room"
    When Ann bans Dan from "Team"
    And Dan joins "Team"
    Then it fails as "forbidden" with code "banned_from_conversation"

  Scenario: A ban drops a pending join request, and no new one can be filed
    Given Ann created the invite link "ask" to "Team" with approval
    And Dan joins through the invite link "ask"
    And the join is requested
    When Ann bans Dan from "Team"
    Then Ann sees no join requests for "Team"
    When Dan joins through the invite link "ask"
    Then it fails as "forbidden" with code "banned_from_conversation"

  Scenario: A ban for a time runs out by itself
    When Ann bans Bob from "Team" for 2 hours
    And Bob joins through the invite link "join-team"
    Then it fails as "forbidden" with code "banned_from_conversation"
    When 3 hours pass
    And Bob joins through the invite link "join-team"
    Then it succeeds

  Scenario: A ban that would end in the past is refused
    When Ann bans Bob from "Team" until an hour ago
    Then it fails as "a conflict" with code "until_in_past"

  Scenario: Only owners and admins ban, never someone of their own rank or above, and never themselves
    Given Ann made Cat an admin of "Team"
    When Bob bans Dan from "Team"
    Then it fails as "forbidden" with code "not_allowed"
    When Cat bans Ann from "Team"
    Then it fails as "forbidden" with code "not_allowed"
    When Ann bans herself from "Team"
    Then it fails as "a conflict" with code "cannot_ban_yourself"
    When Cat bans Bob from "Team"
    Then it succeeds

  Scenario: Owners and admins see who is banned; lifting a ban takes them off the list
    When Ann bans Bob from "Team"
    And Ann bans Dan from "Team"
    Then the people banned from "Team" are Bob and Dan
    When Cat lists the bans of "Team"
    Then it fails as "forbidden" with code "not_allowed"
    When Ann unbans Bob from "Team"
    And Ann unbans Bob from "Team"
    Then the people banned from "Team" are Dan

  Scenario: The banned member's devices learn at once, and the others see the ban
    Given Bob connects
    And Cat connects
    When Ann bans Bob from "Team"
    Then Bob learns that he was banned from "Team"
    And Cat receives a "participant.banned" event
