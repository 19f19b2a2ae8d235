Feature: Groups
  Groups have an owner, admins and members, and a member limit. When the owner leaves, ownership passes
  to the longest-standing admin, else the longest-standing member; a group nobody is left in is closed.

  Background:
    Given the users Olga, Adam, Mia and Max

  Scenario: The creator owns the group and the listed people are members
    When Olga creates the group "Team" with Adam and Mia
    Then it succeeds
    And the members of "Team" are:
      | name | role   |
      | Olga | owner  |
      | Adam | member |
      | Mia  | member |

  Scenario: A group needs a name
    When Olga creates a group without a name
    Then it fails as "invalid"

  @member-limit-3
  Scenario: The member limit holds when adding people
    Given Olga created the group "Small" with Adam and Mia
    When Olga adds Max to "Small"
    Then it fails as "a conflict" with code "member_limit_reached"

  @member-limit-3
  Scenario: The member limit holds when creating a group
    When Olga creates the group "Big" with Adam, Mia and Max
    Then it fails as "a conflict" with code "member_limit_reached"

  Scenario: Adding someone who is already a member is a conflict
    Given Olga created the group "Team" with Adam
    When Olga adds Adam to "Team"
    Then it fails as "a conflict" with code "already_member"

  Scenario: An admin removes a member
    Given Olga created the group "Team" with Adam and Mia
    And Olga made Adam an admin of "Team"
    When Adam removes Mia from "Team"
    Then it succeeds
    And Mia cannot open "Team"

  Scenario: A member cannot remove an admin
    Given Olga created the group "Team" with Adam and Mia
    And Olga made Adam an admin of "Team"
    When Mia removes Adam from "Team"
    Then it fails as "forbidden"

  Scenario: An admin cannot remove the owner
    Given Olga created the group "Team" with Adam
    And Olga made Adam an admin of "Team"
    When Adam removes Olga from "Team"
    Then it fails as "forbidden"

  Scenario: Ownership passes to the longest-standing admin when the owner leaves
    Given Olga created the group "Team" with Adam and Mia
    And Olga made Mia an admin of "Team"
    When Olga leaves "Team"
    Then Mia is the owner of "Team"
    And Olga cannot open "Team"

  Scenario: Without admins ownership passes to the longest-standing member
    Given Olga created the group "Team" with Adam
    And Olga added Mia to "Team"
    When Olga leaves "Team"
    Then Adam is the owner of "Team"

  Scenario: A group everyone left is closed
    Given Olga created the group "Solo"
    When Olga leaves "Solo"
    Then Olga cannot open "Solo"

  Scenario: The owner hands over ownership
    Given Olga created the group "Team" with Adam
    When Olga makes Adam the owner of "Team"
    Then it succeeds
    And Adam is the owner of "Team"
    And Olga is the admin of "Team"

  Scenario: The owner deletes the group for everyone
    Given Olga created the group "Team" with Adam
    When Olga deletes the conversation "Team"
    Then it succeeds
    And Adam does not see "Team" in his conversation list
    And Adam cannot open "Team"

  Scenario: Renaming is visible to members
    Given Olga created the group "Team" with Adam
    When Olga renames "Team" to "Dream Team"
    Then "Team" is called "Dream Team"
