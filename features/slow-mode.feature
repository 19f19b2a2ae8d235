Feature: Slow mode
  Group owners and admins can make members wait between messages (Telegram's slow mode): one message per
  member per interval, answered with "rate limited" and Retry-After; owners and admins are exempt, and a
  retry of a message already stored is still answered.

  Background:
    Given the users Olga, Adam and Mia
    And Olga created the group "Book club" with Adam and Mia
    And Olga made Adam an admin of "Book club"

  Scenario: A member sends one message per interval
    When Olga turns on slow mode in "Book club" with 30 seconds
    Then it succeeds
    When Mia sends "first" to "Book club"
    Then it succeeds
    When Mia sends "second" to "Book club"
    Then it fails as "rate limited"
    When 31 seconds pass
    And Mia sends "second" to "Book club"
    Then it succeeds

  Scenario: Owners and admins are exempt
    Given Olga turned on slow mode in "Book club" with 60 seconds
    When Adam sends "one" to "Book club"
    And Adam sends "two" to "Book club"
    Then it succeeds
    When Olga sends "three" to "Book club"
    And Olga sends "four" to "Book club"
    Then it succeeds

  Scenario: A retry of a message already sent is answered during slow mode
    Given Olga turned on slow mode in "Book club" with 60 seconds
    When Mia sends "hello" to "Book club" with client id "m-1"
    And Mia retries "hello" to "Book club" with client id "m-1"
    Then the retry returns the original message without creating one

  Scenario: Only owners and admins change it, and null turns it off
    Given Olga turned on slow mode in "Book club" with 60 seconds
    When Mia turns on slow mode in "Book club" with 10 seconds
    Then it fails as "forbidden"
    When Adam turns off slow mode in "Book club"
    And Mia sends "a" to "Book club"
    And Mia sends "b" to "Book club"
    Then it succeeds

  Scenario: Slow mode is for groups only
    Given Olga created the channel "News" with subscribers Adam
    When Olga turns on slow mode in "News" with 30 seconds
    Then it fails as "a conflict" with code "slow_mode_groups_only"
