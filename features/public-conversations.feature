Feature: Public groups and channels
  A group or channel with a public @username can be found by anyone signed in (by username or name),
  previewed and joined without an invitation; leaving works as for any conversation. Without a username
  it stays private: invisible to search, and joining it answers "not found". Usernames are unique in any
  case, and share one namespace with people's usernames.

  Background:
    Given the users Olga, Adam and Mia
    And Olga created the channel "Hiking news" with subscribers Adam
    And Olga created the group "Secret trail club" with Adam

  Scenario: An owner makes a channel public; anyone finds it and joins
    When Olga sets the username of "Hiking news" to "hiking_news"
    Then it succeeds
    When Mia searches public conversations for "hiking"
    Then she finds "Hiking news" with 2 members
    When Mia looks up the public username "@Hiking_News"
    Then it succeeds
    When Mia joins "Hiking news"
    Then it succeeds
    And Mia is the subscriber of "Hiking news"
    When Mia leaves "Hiking news"
    Then it succeeds
    And Mia cannot open "Hiking news"

  Scenario: A private conversation cannot be found or joined
    When Mia searches public conversations for "trail"
    Then she finds nothing
    When Mia joins "Secret trail club"
    Then it fails as "not found"

  Scenario: Making a conversation private again hides it
    Given Olga set the username of "Hiking news" to "hiking_news"
    When Olga sets the username of "Hiking news" to nothing
    And Mia searches public conversations for "hiking"
    Then she finds nothing
    When Mia joins "Hiking news"
    Then it fails as "not found"

  Scenario: Usernames are unique in any case, and not a person's
    Given Olga set the username of "Hiking news" to "hiking_news"
    When Olga sets the username of "Secret trail club" to "HIKING_NEWS"
    Then it fails as "a conflict" with code "username_taken"
    Given Sebastian has signed up
    When Olga sets the username of "Secret trail club" to "Sebastian"
    Then it fails as "a conflict" with code "username_taken"
    When Olga sets the username of "Secret trail club" to "trail_club"
    Then it succeeds
    Given Olga has a direct conversation with Mia
    When Olga sets the username of "Olga & Mia" to "our_chat"
    Then it fails as "forbidden"

  Scenario: A username is 5-32 letters, digits or underscores, starting with a letter
    When Olga sets the username of "Hiking news" to "1hike"
    Then it fails as "invalid"
    When Olga sets the username of "Hiking news" to "hike"
    Then it fails as "invalid"

  Scenario: Only owners and admins change the username
    When Adam sets the username of "Secret trail club" to "trail_club"
    Then it fails as "forbidden"

  Scenario: A person cannot sign up with a public conversation's username
    Given Olga set the username of "Hiking news" to "hiking_news"
    When someone signs up with email "hiker@example.test", username "Hiking_News" and password "long enough password"
    Then it fails as "a conflict" with code "username_taken"
