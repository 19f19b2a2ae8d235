Feature: Admin rights and members' permissions
  An admin holds some of the admin rights (change info, delete messages, ban, invite, pin, add admins, post
  in channels); the owner holds them all; an admin appointed without a list holds what every admin could do
  before rights: all but appointing admins. A group's default permissions decide what members may do. Nobody
  grants a right they lack.

  Background:
    Given the users Ann, Bob, Cat and Dan
    And Ann created the group "Team" with Bob, Cat and Dan
    And Ann has sent "welcome" to "Team"

  Scenario: An admin without the ban right cannot remove, ban or restrict; with it, can
    Given Ann made Bob an admin of "Team" with the rights "inviteUsers"
    When Bob bans Dan from "Team"
    Then it fails as "forbidden" with code "not_allowed"
    When Bob restricts Dan in "Team" from send
    Then it fails as "forbidden" with code "not_allowed"
    When Ann gives Bob the rights "inviteUsers, banUsers" in "Team"
    And Bob bans Dan from "Team"
    Then it succeeds

  Scenario: An admin appoints admins only with rights they hold
    Given Ann made Bob an admin of "Team" with the rights "addAdmins, pinMessages"
    When Bob makes Cat an admin of "Team" with the rights "banUsers"
    Then it fails as "forbidden" with code "right_not_held"
    When Bob makes Cat an admin of "Team" with the rights "pinMessages"
    Then it succeeds
    And Cat holds the rights "pinMessages" in "Team"
    When Cat pins "welcome"
    Then it succeeds

  Scenario: An admin touches no other admin and never the owner
    Given Ann made Bob an admin of "Team" with the rights "addAdmins"
    And Ann made Cat an admin of "Team"
    When Bob makes Cat an admin of "Team" with the rights "addAdmins"
    Then it fails as "forbidden" with code "not_allowed"
    When Bob makes Ann a member of "Team"
    Then it fails as "forbidden" with code "not_allowed"

  Scenario: Members' permissions decide what they may do, and only an admin with the ban right sets them
    Given Ann made Bob an admin of "Team" with the rights "changeInfo"
    When Bob sets the members' permission "sendLinks" in "Team" to false
    Then it fails as "forbidden" with code "not_allowed"
    When Ann sets the members' permission "sendLinks" in "Team" to false
    And Cat sends "see https://example.com" to "Team"
    Then it fails as "forbidden" with code "not_allowed"
    When Cat sends "no link here" to "Team"
    Then it succeeds
    When Ann sets the members' permission "pinMessages" in "Team" to true
    And Cat pins "welcome"
    Then it succeeds

  Scenario: A group can be made read-only for members, admins still post
    When Ann sets the members' permission "sendMessages" in "Team" to false
    And Cat sends "hello?" to "Team"
    Then it fails as "forbidden" with code "not_allowed"
    When Ann made Bob an admin of "Team" with the rights "pinMessages"
    And Bob sends "announcement" to "Team"
    Then it succeeds

  Scenario: A channel admin posts only with the right to post
    Given Ann created the channel "News" with subscribers Bob and Cat
    And Ann made Bob an admin of "News" with the rights "changeInfo"
    When Bob sends "breaking" to "News"
    Then it fails as "forbidden" with code "not_allowed"
    When Ann gives Bob the rights "changeInfo, postMessages" in "News"
    And Bob sends "breaking" to "News"
    Then it succeeds

  Scenario: Admins appointed without a list hold every right but appointing admins, as before rights
    Given Ann made Bob an admin of "Team"
    Then Bob holds the default rights in "Team"
    When Bob bans Dan from "Team"
    Then it succeeds
    When Bob makes Cat an admin of "Team" with the rights "pinMessages"
    Then it fails as "forbidden" with code "not_allowed"
